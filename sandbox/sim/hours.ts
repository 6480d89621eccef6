// Moves a requested time into a vendor's opening hours (HealthcareService.availableTime).
// The sandbox treats opening times as UTC: it has one time zone and no DST to model.
import type { SimServiceHours } from './fhir-io';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MIN = 60_000;

function minutes(hhmmss: string | undefined, fallback: number): number {
  if (!hhmmss) return fallback;
  const [h, m] = hhmmss.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function isOpen(hours: NonNullable<SimServiceHours['availableTime']>, t: Date): boolean {
  const day = DAYS[t.getUTCDay()] ?? 'sun';
  const minuteOfDay = t.getUTCHours() * 60 + t.getUTCMinutes();
  return hours.some((slot) => {
    if (slot.daysOfWeek && !slot.daysOfWeek.includes(day)) return false;
    if (slot.allDay) return true;
    return minuteOfDay >= minutes(slot.availableStartTime, 0) && minuteOfDay < minutes(slot.availableEndTime, 24 * 60);
  });
}

/** The requested time if the vendor is open then, else the next quarter hour it is open (within a week). */
export function nearestSlot(requested: Date, service: SimServiceHours | undefined): Date {
  const hours = service?.availableTime;
  if (!hours || hours.length === 0 || isOpen(hours, requested)) return requested;
  const q = 15 * MIN;
  let t = new Date(Math.ceil(requested.getTime() / q) * q);
  for (let i = 0; i < 7 * 24 * 4; i++, t = new Date(t.getTime() + q)) {
    if (isOpen(hours, t)) return t;
  }
  return requested;
}
