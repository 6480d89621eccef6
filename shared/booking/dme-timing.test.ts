import { describe, expect, it } from 'vitest';
import type { Booking } from './booking-view';
import { checkDelivery, defaultWindow, pickupToBeat } from './dme-timing';

const transport = (time: string, extra: Partial<Booking> = {}): Booking => ({
  id: 'sr1', resourceType: 'ServiceRequest', service: 'transport', label: 'Wheelchair van', requestStatus: 'active', taskStatus: 'accepted',
  time, timeIsConfirmed: true, attempts: 1, checkpoints: { booked: true, patientNotified: false, patientConfirmed: false, handoffAcknowledged: false }, timeline: [], notices: [], ...extra,
});

describe('delivery before the patient gets home', () => {
  it('ties the delivery to the booked transport pickup, else the planned discharge', () => {
    expect(pickupToBeat([transport('2026-01-02T15:00:00Z')], '2026-01-02T18:00:00Z')).toEqual({ pickup: '2026-01-02T15:00:00Z', pickupSource: 'booked transport' });
    expect(pickupToBeat([transport('2026-01-02T15:00:00Z', { requestStatus: 'revoked' })], '2026-01-02T18:00:00Z')).toEqual({ pickup: '2026-01-02T18:00:00Z', pickupSource: 'planned discharge' });
    expect(pickupToBeat([], undefined)).toEqual({});
  });

  it('is fine when the window ends at or before pickup, and warns with the gap when it does not', () => {
    const tie = { pickup: '2026-01-02T15:00:00Z', pickupSource: 'booked transport' as const };
    expect(checkDelivery('2026-01-02T15:00:00Z', tie).ok).toBe(true);
    const late = checkDelivery('2026-01-02T15:45:00Z', tie);
    expect(late.ok).toBe(false);
    expect(late.message).toBe('The delivery window ends 45 min after the booked transport pickup: the patient may get home before the equipment.');
    expect(checkDelivery(undefined, {}).ok).toBe(true);
  });

  it('proposes a window that ends before the pickup', () => {
    const now = new Date('2026-01-02T08:00:00Z');
    expect(defaultWindow('2026-01-02T15:00:00Z', now)).toEqual({ start: '2026-01-02T11:00:00.000Z', end: '2026-01-02T14:00:00.000Z' });
    const tight = defaultWindow('2026-01-02T09:30:00Z', now);
    expect(Date.parse(tight.end)).toBeLessThanOrEqual(Date.parse('2026-01-02T09:30:00Z'));
    expect(defaultWindow(undefined, now).start).toBe('2026-01-02T08:30:00.000Z');
  });
});
