import { describe, expect, it } from 'vitest';
import { computeAllMetrics } from './compute-all';
import { SYNTHETIC_RANGE, makeSyntheticBookings } from './bench';

describe('makeSyntheticBookings', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(JSON.stringify(makeSyntheticBookings(50, 7))).toBe(JSON.stringify(makeSyntheticBookings(50, 7)));
    expect(JSON.stringify(makeSyntheticBookings(50, 7))).not.toBe(JSON.stringify(makeSyntheticBookings(50, 8)));
  });
  it('produces bookings every metric can measure, with nothing skipped', () => {
    const r = computeAllMetrics(makeSyntheticBookings(500, 1), SYNTHETIC_RANGE);
    expect(r.bookings).toBe(500);
    expect(r.skipped.total).toBe(0);
    for (const f of [r.overall.orderToTransportConfirmation, r.overall.firstContactTime, r.overall.vendorResponseTime]) expect(f.n).toBeGreaterThan(0);
    for (const f of [r.overall.completionRate, r.overall.declineRate, r.overall.onTimeRate, r.overall.notifiedInTime, r.overall.rescheduleOrCancelRate]) {
      expect(f.rate).toBeGreaterThan(0);
      expect(f.rate).toBeLessThan(1);
    }
    expect(r.weekly.weeks).toHaveLength(12);
  });
});
