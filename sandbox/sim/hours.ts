// Moves a requested time into a vendor's opening hours (HealthcareService.availableTime),
// read on the facility's wall clock (the sandbox: America/New_York; UTC when none is given).
import type { SimServiceHours } from './fhir-io';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MIN = 60_000;

function minutes(hhmmss: string | undefined, fallback: number): number {
  if (!hhmmss) return fallback;
  const [h, m] = hhmmss.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** Day of week and minute of day of `t` on `timeZone`'s wall clock. */
function wallClock(t: Date, timeZone: string): { day: string; minuteOfDay: number } {
  let f = clocks.get(timeZone);
  if (!f) clocks.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = Object.fromEntries(f.formatToParts(t).map((p) => [p.type, p.value]));
  return { day: String(parts.weekday).toLowerCase().slice(0, 3), minuteOfDay: (Number(parts.hour) % 24) * 60 + Number(parts.minute) };
}

function isOpen(hours: NonNullable<SimServiceHours['availableTime']>, t: Date, timeZone: string): boolean {
  const { day, minuteOfDay } = timeZone === 'UTC' ? { day: DAYS[t.getUTCDay()] ?? 'sun', minuteOfDay: t.getUTCHours() * 60 + t.getUTCMinutes() } : wallClock(t, timeZone);
  return hours.some((slot) => {
    if (slot.daysOfWeek && !slot.daysOfWeek.includes(day)) return false;
    if (slot.allDay) return true;
    return minuteOfDay >= minutes(slot.availableStartTime, 0) && minuteOfDay < minutes(slot.availableEndTime, 24 * 60);
  });
}

/** The requested time if the vendor is open then, else the next quarter hour it is open (within a week). */
export function nearestSlot(requested: Date, service: SimServiceHours | undefined, timeZone = 'UTC'): Date {
  const hours = service?.availableTime;
  if (!hours || hours.length === 0 || isOpen(hours, requested, timeZone)) return requested;
  const q = 15 * MIN;
  let t = new Date(Math.ceil(requested.getTime() / q) * q);
  for (let i = 0; i < 7 * 24 * 4; i++, t = new Date(t.getTime() + q)) {
    if (isOpen(hours, t, timeZone)) return t;
  }
  return requested;
}
