// A vendor that says a pickup, visit or delivery happened before its booked time is
// either wrong or early: either way the nurse should see it, in words, on the card.
import type { ServiceType } from '../fhir/codes';
import { formatDateTime } from '../time/facility-clock';
import { timeWord } from './booking-words';

/** Milestones that say the service happened. */
const HAPPENED: Readonly<Record<string, string>> = {
  'picked-up': 'picked up', 'service-completed': 'completed', delivered: 'delivered',
};
/** Vendors round; a report within this of the booked time is on time. */
const TOLERANCE_MS = 5 * 60_000;

export interface EarlyReport { milestone: string; at: string; minutesEarly: number; text: string }

function span(minutes: number): string {
  if (minutes >= 48 * 60) return `${Math.round(minutes / (24 * 60))} days`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * "Vendor reported picked up 40 min before the pickup time (Fri, Dec 5, 10:00)": each
 * report of a happened milestone made before the booked time (beyond a 5-minute tolerance).
 */
export function earlyReports(b: { service: ServiceType; time?: string; timeIsConfirmed: boolean; timeline: readonly { at: string; milestone: string }[] }): EarlyReport[] {
  const scheduled = b.timeIsConfirmed && b.time ? Date.parse(b.time) : NaN;
  if (Number.isNaN(scheduled)) return [];
  return b.timeline.flatMap((e) => {
    const verb = HAPPENED[e.milestone];
    const at = Date.parse(e.at);
    if (!verb || Number.isNaN(at) || scheduled - at <= TOLERANCE_MS) return [];
    const minutesEarly = Math.round((scheduled - at) / 60_000);
    return [{
      milestone: e.milestone, at: e.at, minutesEarly,
      text: `Vendor reported ${verb} ${span(minutesEarly)} before the ${timeWord(b.service)} time (${formatDateTime(b.time)}): check with the vendor.`,
    }];
  });
}
