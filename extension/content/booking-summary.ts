// The background's BookingSummary reply, checked by hand: zod would triple the
// content script's size, and a malformed reply only needs to render as "unavailable".
import type { BookingSummary } from '../messages';

const MAX_TEXT = 120;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';
const isOptString = (v: unknown): boolean => v === undefined || isString(v);

/** Accepts exactly what the BookingSummary schema accepts (a test holds the two together). */
export function isBookingSummary(v: unknown): v is BookingSummary {
  return isObject(v) && typeof v.signedIn === 'boolean' && isOptString(v.patientId) && isOptString(v.error)
    && Array.isArray(v.bookings) && v.bookings.length <= 50
    && v.bookings.every((b) => isObject(b) && isString(b.label) && isString(b.status) && isOptString(b.time));
}

export interface SummaryLines { headline: string; items: string[] }

const short = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** What the overlay says: a headline and one line per existing booking. */
export function summaryLines(s: BookingSummary): SummaryLines {
  const n = s.bookings.length;
  const headline = !s.signedIn ? 'Sign in to CareRelay to see bookings'
    : s.error ? `Bookings unavailable: ${short(s.error)}`
      : n ? `${n} booking${n === 1 ? '' : 's'}:` : 'No CareRelay bookings yet';
  const items = s.signedIn && !s.error ? s.bookings.map((b) => short(`${b.label} — ${b.status}${b.time ? ` ${b.time}` : ''}`)) : [];
  return { headline, items };
}
