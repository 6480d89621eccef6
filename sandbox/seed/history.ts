// Twelve weeks of finished discharges (pat-h001 ...) with their bookings, so the
// metrics have realistic timings, declines, reschedules, cancellations and no-shows.
import type { ServiceType } from '../../shared/fhir/codes';
import { DAY, HOUR, MINUTE, at, chance, int, pad, pick, quarterHour, type SeedContext } from './context';
import { buildBooking } from './booking';
import { seedChart } from './chart';
import { UNITS, type Staff } from './hospital';
import { planBooking } from './plan-booking';
import { STORIES } from './stories';
import type { Outcome } from './timeline';

export const HISTORY_PATIENTS = 150;
const WEEKS = 12;

type Weighted = [Outcome, number][];
const OUTCOMES: Record<ServiceType, Weighted> = {
  transport: [['completed', 66], ['late', 10], ['rescheduled', 7], ['cancelled-by-facility', 4], ['cancelled-by-patient', 3],
    ['cancelled-by-vendor', 4], ['patient-no-show', 2], ['vendor-no-show', 4]],
  'home-health': [['completed', 78], ['rescheduled', 9], ['cancelled-by-patient', 5], ['cancelled-by-vendor', 5], ['patient-no-show', 3]],
  dme: [['completed', 80], ['late', 10], ['rescheduled', 5], ['cancelled-by-facility', 5]],
};

function outcome(ctx: SeedContext, service: ServiceType): Outcome {
  return ctx.f.helpers.weightedArrayElement(OUTCOMES[service].map(([value, weight]) => ({ value, weight })));
}

function declines(ctx: SeedContext): number {
  const r = ctx.f.number.int({ min: 1, max: 100 });
  return r <= 74 ? 0 : r <= 94 ? 1 : 2;
}

export function seedHistory(ctx: SeedContext, staff: Staff): void {
  const span = WEEKS * 7 * DAY - 4 * DAY;
  const origin = at(ctx.now, -WEEKS * 7 * DAY);
  for (let i = 1; i <= HISTORY_PATIENTS; i++) {
    const key = `h${pad(i)}`;
    const story = pick(ctx, STORIES);
    // Spread evenly over the weeks, discharges between 09:00 and 17:00 (UTC stands in for local time).
    const day = at(origin, Math.floor((span * (i - 1)) / HISTORY_PATIENTS / DAY) * DAY);
    const dayStart = new Date(Math.floor(day.getTime() / DAY) * DAY);
    const discharge = quarterHour(at(dayStart, int(ctx, 9 * 60, 17 * 60) * MINUTE));
    const admit = quarterHour(at(discharge, -int(ctx, 2, 9) * DAY));
    const orderAt = quarterHour(at(discharge, -int(ctx, 120, 420) * MINUTE));
    const chart = seedChart(ctx, {
      key, story, staff, index: i + 1000, admit, discharge, current: false, orderAt, unitId: pick(ctx, UNITS).id,
    });
    const services: ServiceType[] = ['transport'];
    if (story.disposition === 'hh' || chance(ctx, 0.1)) services.push('home-health');
    if (story.dme && chance(ctx, 0.7)) services.push('dme');
    for (const service of services) {
      const sentAt = at(orderAt, int(ctx, service === 'transport' ? 10 : 30, service === 'transport' ? 120 : 240) * MINUTE);
      // Oxygen and beds must be home before the patient; home health starts 1-3 days after discharge.
      const start = service === 'transport' ? discharge
        : service === 'dme' ? quarterHour(at(discharge, -int(ctx, 3, 5) * HOUR))
          : quarterHour(at(discharge, int(ctx, 24, 60) * HOUR));
      const suffix = service === 'transport' ? '' : service === 'dme' ? '-dme' : '-hh';
      buildBooking(ctx, planBooking(ctx, {
        key: `${key}${suffix}`, service, chart, story, staff, index: i, sentAt, start,
        outcome: outcome(ctx, service), declines: declines(ctx),
      }));
    }
  }
}
