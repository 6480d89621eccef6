// Never twice: a booking of the same service for the same patient on the same day
// (same leg) is one booking. The form shows an active one before anything is sent;
// the write carries a deterministic slot identifier (patient + service + day + leg)
// created conditionally, so two nurses on two screens sending at once end with one
// booking, and the later one is told. A deliberate second booking states its reason,
// which goes on the order and makes its slot distinct.
import { SYSTEMS, type ServiceType } from '../fhir/codes';
import { TERMINAL, isTaskStatus } from './task-status';
import { toZoneDate } from '../time/facility-clock';
import type { Booking } from './booking-view';

export type Leg = 'outbound' | 'return';

export interface SlotInput {
  patient: string;
  service: ServiceType;
  /** The window start; empty for a will-call return (then the outbound day is used). */
  start: string;
  leg: Leg;
  /** A deliberate second booking: its stated reason and its own booking id make the slot distinct. */
  second?: { reason: string; bookingId: string };
  /** Bookings of this slot that have ended (see slotGeneration); 0 or absent for the first. */
  generation?: number;
}

/**
 * The calendar day of an ISO time, or "undated". A time written with its own offset
 * keeps the day it was written in; a UTC time (the forms send `toISOString()`) is read
 * on the facility's wall clock (deployment timeZone), so an evening pickup in New York
 * stays on its local day instead of moving to the next UTC day, whoever's browser books it.
 */
export function dayOf(iso: string | undefined): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso ?? '');
  if (!m?.[1]) return 'undated';
  if (!/(Z|[+-]00:00)$/.test(iso ?? '')) return m[1];
  return toZoneDate(iso) || m[1];
}

/** Deterministic, FHIR-id-safe slot value (≤ 64 chars). */
export function bookingSlot(s: SlotInput): string {
  const key = [s.patient, s.service, dayOf(s.start), s.leg, s.second ? `${s.second.bookingId}|${s.second.reason.trim()}` : '', s.generation ? `g${s.generation}` : ''].join('|');
  return `slot-${s.service}-${dayOf(s.start).replace(/-/g, '')}-${s.leg === 'return' ? 'r' : 'o'}-${hash(key)}`;
}

/** Statuses of an order/Task that still hold their slot (a cancelled or completed booking frees it). */
const LIVE_TASK = 'requested,received,accepted,ready,in-progress,on-hold';

/** If-None-Exist of a request that owns its slot: only an active order of that slot counts. */
export const slotCondition = (slot: string, resourceType: string): string =>
  `identifier=${SYSTEMS.bookingSlot}|${slot}&status=${resourceType === 'Task' ? LIVE_TASK : 'active'}`;

export const slotIdentifier = (slot: string) => ({ system: SYSTEMS.bookingSlot, value: slot });

export interface BookingWindow {
  /** Undefined while the form has no time yet: nothing to compare. */
  start: string | undefined;
  end?: string | undefined;
}

/** Active bookings of this service for this patient whose time falls on the same day as, or overlaps, the window. */
export function activeDuplicates(bookings: Booking[], service: ServiceType, span: BookingWindow): Booking[] {
  const start = span.start;
  if (!start) return [];
  return bookings.filter((b) => b.service === service && isActive(b) && overlaps(b, { ...span, start }));
}

export function isActive(b: Booking): boolean {
  if (b.requestStatus !== 'active') return false;
  return !(b.taskStatus && isTaskStatus(b.taskStatus) && TERMINAL.has(b.taskStatus));
}

function overlaps(b: Booking, w: BookingWindow & { start: string }): boolean {
  const at = b.requestedTime ?? b.time;
  if (!at) return b.willCall === true;
  if (dayOf(at) === dayOf(w.start)) return true;
  const t = Date.parse(at);
  const start = Date.parse(w.start);
  const end = Date.parse(w.end ?? w.start);
  return Number.isFinite(t) && t >= start && t <= end;
}

/**
 * How many bookings of this service for this patient on the window's day have ended
 * (completed, cancelled, declined for good). A vendor closes its Task, not our order, so
 * an ended booking's order can stay active and would otherwise hold the slot: the next
 * booking of that day would be handed the old order. Counting the ended ones gives the
 * next booking a fresh slot, and two nurses who see the same chart still share it.
 */
export function slotGeneration(bookings: Booking[], service: ServiceType, span: BookingWindow): number {
  if (!span.start) return 0;
  const day = dayOf(span.start);
  return bookings.filter((b) => b.service === service && !isActive(b) && dayOf(b.requestedTime ?? b.time) === day).length;
}

/** The note line recording why a second booking was sent anyway. */
export const secondBookingNote = (reason: string) => `Second booking on purpose: ${reason.trim()}`;

/** cyrb53: a small, stable 53-bit string hash (not for security; only to keep the slot short). */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
