// Every expected value here is computed by hand from fixture.ts (see its header).
import { describe, expect, it } from 'vitest';
import { computeAllMetrics } from './compute-all';
import { FIXTURE_RANGE, V, fixture } from './fixture';

const MIN = 60_000;
const H = 60 * MIN;
const report = computeAllMetrics(fixture, FIXTURE_RANGE);
const m = report.overall;

describe('1. discharge order → transport booked', () => {
  it('takes the first booked Provenance minus the first discharge order of the encounter', () => {
    // t1 60, t2 180 (after a decline), t4 240 (the 16:00 re-booking does not count)
    expect(m.orderToTransportConfirmation.samples).toEqual([
      { id: 'ServiceRequest/t1', ms: 60 * MIN }, { id: 'ServiceRequest/t2', ms: 180 * MIN }, { id: 'ServiceRequest/t4', ms: 240 * MIN },
    ]);
    // nearest rank: median rank ceil(1.5) = 2 → 180; p90 rank ceil(2.7) = 3 → 240
    expect(m.orderToTransportConfirmation).toMatchObject({ n: 3, medianMs: 180 * MIN, p90Ms: 240 * MIN });
  });
  it('excludes unbooked bookings and bookings without a discharge order, and says so', () => {
    expect(m.orderToTransportConfirmation.skipped).toEqual({
      'not-booked': ['ServiceRequest/t3'], 'no-discharge-order': ['ServiceRequest/t5'],
    });
  });
});

describe('2. referral-to-service completion', () => {
  it('counts each request once, completed if any attempt completed', () => {
    // 8 requests in range; completed t1, t5, h6, d8 (d8 by its second vendor) → 4/8
    expect(m.completionRate).toMatchObject({ n: 8, count: 4, rate: 0.5 });
    expect(m.completionRate.ids).toEqual(['ServiceRequest/t1', 'ServiceRequest/t5', 'ServiceRequest/h6', 'DeviceRequest/d8']);
  });
  it('per service type', () => {
    expect(report.byServiceType.transport?.completionRate).toMatchObject({ n: 5, count: 2, rate: 0.4 });
    expect(report.byServiceType['home-health']?.completionRate).toMatchObject({ n: 2, count: 1, rate: 0.5 });
    expect(report.byServiceType.dme?.completionRate).toMatchObject({ n: 1, count: 1, rate: 1 });
  });
});

describe('3. reschedule and cancellation', () => {
  it('over all attempts that left draft (10: the draft T1z and t9 out of range do not count)', () => {
    expect(m.rescheduleOrCancelRate).toMatchObject({ n: 10, count: 3, rate: 0.3, ids: ['Task/T3a', 'Task/T4a', 'Task/T8a'] });
    expect(m.rescheduleRate).toMatchObject({ count: 1, ids: ['Task/T4a'] });
    expect(m.cancellationRate).toMatchObject({ count: 2, rate: 0.2 });
    expect(m.cancelledBy.facility.ids).toEqual(['Task/T3a']); // cancelled before any answer
    expect(m.cancelledBy.vendor.ids).toEqual(['Task/T8a']);
    expect(m.cancelledBy.patient.count).toBe(0);
  });
  it('per vendor and per service type', () => {
    expect(report.byVendor[V.swift]?.rescheduleOrCancelRate).toMatchObject({ n: 3, count: 1 }); // T1a T2b T4a
    expect(report.byVendor[V.care]?.rescheduleOrCancelRate).toMatchObject({ n: 3, count: 1 }); // T2a T3a T5a
    expect(report.byVendor[V.dme]?.rescheduleOrCancelRate).toMatchObject({ n: 1, count: 1 });
    expect(report.byVendor[V.dme2]?.rescheduleOrCancelRate).toMatchObject({ n: 1, count: 0, rate: 0 });
    expect(report.byServiceType.transport?.rescheduleOrCancelRate).toMatchObject({ n: 6, count: 2 });
    expect(report.byServiceType.dme?.rescheduleOrCancelRate).toMatchObject({ n: 2, count: 1, rate: 0.5 });
  });
});

describe('4. first contact', () => {
  it('runs from the Task of the vendor who called; home health against 48 h', () => {
    // d8: 12:30 → 14:30 = 2 h (from T8b, not T8a); h6: 24 h; h7: 72 h
    expect(m.firstContactTime.samples.map((s) => [s.id, s.ms / H])).toEqual([
      ['DeviceRequest/d8', 2], ['ServiceRequest/h6', 24], ['ServiceRequest/h7', 72],
    ]);
    expect(m.firstContactTime).toMatchObject({ n: 3, medianMs: 24 * H, p90Ms: 72 * H });
    expect(m.homeHealthContactInTime).toMatchObject({ n: 2, count: 1, rate: 0.5, ids: ['ServiceRequest/h6'] });
  });
});

describe('5. vendor response', () => {
  it('time to accept or decline, excluding a missing timestamp and a cancel before any answer', () => {
    // minutes: T4a 5, T1a 10, T2b 10, T8a 20, T8b 20, T2a 30, T6a 60, T7a 60 → median rank 4 = 20, p90 rank 8 = 60
    expect(m.vendorResponseTime).toMatchObject({ n: 8, medianMs: 20 * MIN, p90Ms: 60 * MIN });
    expect(m.vendorResponseTime.skipped).toEqual({
      'cancelled-before-response': ['Task/T3a'], 'missing-timestamp': ['Task/T5a'],
    });
  });
  it('decline rate over answered attempts (T5a answered, its time unknown)', () => {
    expect(m.declineRate).toMatchObject({ n: 9, count: 1, ids: ['Task/T2a'] });
    expect(m.declineRate.rate).toBeCloseTo(1 / 9);
  });
  it('on time within 15 minutes of Appointment.start', () => {
    // T1a +10 on time, T2b +30 late, T5a −5 on time
    expect(m.onTimeRate).toMatchObject({ n: 3, count: 2, ids: ['Task/T1a', 'Task/T5a'] });
  });
  it('tolerance is a parameter', () => {
    const strict = computeAllMetrics(fixture, { ...FIXTURE_RANGE, onTimeToleranceMinutes: 5 });
    expect(strict.overall.onTimeRate.ids).toEqual(['Task/T5a']);
  });
});

describe('6. checkpoints', () => {
  it('booked transport: told ≥ 2 h before pickup; patient confirmed', () => {
    // t1 22 h ✓, t2 1 h ✗, t4 13 h ✓, t5 never ✗ (its only message has no sent time)
    expect(m.notifiedInTime).toMatchObject({ n: 4, count: 2, ids: ['ServiceRequest/t1', 'ServiceRequest/t4'] });
    expect(m.patientConfirmed).toMatchObject({ n: 4, count: 3, rate: 0.75 });
  });
  it('lead time is a parameter', () => {
    const r = computeAllMetrics(fixture, { ...FIXTURE_RANGE, notifyLeadHours: 20 });
    expect(r.overall.notifiedInTime.ids).toEqual(['ServiceRequest/t1']); // t4 had 13 h
  });
});

describe('weekly trends', () => {
  it('buckets by ISO week of the request, overall, by service type and by vendor', () => {
    expect(report.weekly.weeks.map((w) => w.key)).toEqual(['2025-W10', '2025-W11']);
    expect(report.weekly.overall['2025-W10']?.completionRate).toMatchObject({ n: 4, count: 1 });
    expect(report.weekly.overall['2025-W11']?.completionRate).toMatchObject({ n: 4, count: 3 });
    expect(report.weekly.overall['2025-W11']?.orderToTransportConfirmation).toMatchObject({ n: 0, medianMs: null });
    expect(report.weekly.byServiceType.transport?.['2025-W11']?.completionRate).toMatchObject({ n: 1, count: 1 });
    expect(report.weekly.byVendor[V.swift]?.['2025-W10']?.vendorResponseTime.n).toBe(3);
    expect(report.weekly.byVendor[V.swift]?.['2025-W11']).toBeUndefined();
  });
});

describe('input handling', () => {
  it('tallies malformed resources with a reason and ignores workflow-step Tasks', () => {
    expect(report.skipped.total).toBe(4);
    expect(report.skipped.entries.map((e) => `${e.resourceType}/${e.id ?? '?'}`).sort()).toEqual(
      ['Communication/n5-unsent', 'Provenance/no-target', 'Task/broken', 'string/?'],
    );
    expect(report.skipped.entries.find((e) => e.id === 'broken')?.reason).toMatch(/^status/);
    expect(report.ignored).toBe(1);
    expect(report.bookings).toBe(8);
    expect(report.vendorNames[V.swift]).toBe('Swift Van');
  });
  it('filters by service type and vendor', () => {
    const r = computeAllMetrics(fixture, { ...FIXTURE_RANGE, filters: { serviceType: 'home-health' } });
    expect(r.bookings).toBe(2);
    const swift = computeAllMetrics(fixture, { ...FIXTURE_RANGE, filters: { vendor: 'swift' } });
    // bookings attributed to Swift: t1, t2, t4 (t2 although Care was asked first)
    expect(swift.overall.completionRate.populationIds).toEqual(['ServiceRequest/t1', 'ServiceRequest/t2', 'ServiceRequest/t4']);
    expect(swift.overall.declineRate.n).toBe(3); // only Swift's own attempts; Care's decline is not Swift's
    expect(Object.keys(swift.byVendor)).toEqual([V.swift]);
  });
});
