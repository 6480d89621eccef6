// Trigger 3 of docs/domain.md: equipment the patient needs at home (oxygen, a hospital
// bed) must be delivered before the patient gets there. The delivery window must
// end no later than the transport pickup; otherwise the form warns.
import type { Booking } from './booking-view';

export interface DeliveryCheck {
  /** The pickup the delivery is tied to, if any. */
  pickup?: string;
  pickupSource?: 'booked transport' | 'planned discharge';
  ok: boolean;
  message: string;
}

/** DME that must be in place on arrival. */
export const NEEDED_ON_ARRIVAL = new Set(['E0260', 'E1390']);

/** The transport the delivery must beat: the newest live transport booking, else the planned discharge. */
export function pickupToBeat(bookings: Booking[], plannedDischarge?: string): Pick<DeliveryCheck, 'pickup' | 'pickupSource'> {
  const live = bookings.filter((b) => b.service === 'transport' && b.requestStatus === 'active' && b.time && !['cancelled', 'failed', 'entered-in-error'].includes(b.taskStatus ?? ''));
  const soonest = live.map((b) => b.time ?? '').sort()[0];
  if (soonest) return { pickup: soonest, pickupSource: 'booked transport' };
  return plannedDischarge ? { pickup: plannedDischarge, pickupSource: 'planned discharge' } : {};
}

export function checkDelivery(windowEnd: string | undefined, tie: Pick<DeliveryCheck, 'pickup' | 'pickupSource'>): DeliveryCheck {
  if (!tie.pickup) return { ...tie, ok: true, message: 'No pickup time on the chart yet: nothing to check the delivery against.' };
  const end = Date.parse(windowEnd ?? '');
  const pickup = Date.parse(tie.pickup);
  if (Number.isNaN(end)) return { ...tie, ok: false, message: 'Enter the end of the delivery window.' };
  if (end <= pickup) return { ...tie, ok: true, message: `Delivery window ends before the ${tie.pickupSource ?? 'pickup'} pickup.` };
  const late = Math.round((end - pickup) / 60_000);
  return { ...tie, ok: false, message: `The delivery window ends ${late} min after the ${tie.pickupSource ?? 'pickup'} pickup: the patient may get home before the equipment.` };
}

/** A default window ending an hour before the pickup (or at it, if time is short); the next 4 hours when there is no pickup. */
export function defaultWindow(pickup: string | undefined, now: Date): { start: string; end: string } {
  const p = Date.parse(pickup ?? '');
  const iso = (ms: number) => new Date(ms).toISOString();
  const soon = now.getTime() + 30 * 60_000;
  if (!Number.isNaN(p) && p > soon + 30 * 60_000) {
    const start = Math.max(soon, p - 4 * 3_600_000);
    return { start: iso(start), end: iso(Math.max(start + 30 * 60_000, Math.min(p, p - 3_600_000 > start ? p - 3_600_000 : p))) };
  }
  return { start: iso(soon), end: iso(soon + 4 * 3_600_000) };
}
