// The background's BookingSummary reply, checked by hand: zod would triple the
// content script's size, and a malformed reply only needs to render as "unavailable".
import type { BookingSummary } from '../messages';

const MAX_BOOKINGS = 50;
const MAX_TEXT = 120;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const optString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

type Booking = BookingSummary['bookings'][number];

function toBooking(v: unknown): Booking | undefined {
  if (!isObject(v) || typeof v.label !== 'string' || typeof v.status !== 'string' || !optString(v.time)) return undefined;
  return { label: v.label, status: v.status, ...(v.time === undefined ? {} : { time: v.time }) };
}

export function parseBookingSummary(v: unknown): BookingSummary | undefined {
  if (!isObject(v) || typeof v.signedIn !== 'boolean' || !Array.isArray(v.bookings) || v.bookings.length > MAX_BOOKINGS) return undefined;
  if (!optString(v.patientId) || !optString(v.error)) return undefined;
  const bookings: Booking[] = [];
  for (const b of v.bookings) {
    const booking = toBooking(b);
    if (!booking) return undefined;
    bookings.push(booking);
  }
  return { signedIn: v.signedIn, bookings, ...(v.error === undefined ? {} : { error: v.error }), ...(v.patientId === undefined ? {} : { patientId: v.patientId }) };
}

const short = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** What the overlay says: a headline and one line per existing booking. */
export function summaryLines(s: BookingSummary): { headline: string; items: string[] } {
  if (!s.signedIn) return { headline: 'Sign in to CareRelay to see bookings', items: [] };
  if (s.error) return { headline: `Bookings unavailable: ${short(s.error)}`, items: [] };
  const n = s.bookings.length;
  if (n === 0) return { headline: 'No CareRelay bookings yet', items: [] };
  const items = s.bookings.map((b) => short(`${b.label} — ${b.status}${b.time ? ` ${b.time}` : ''}`));
  return { headline: `${n} booking${n === 1 ? '' : 's'}:`, items };
}
