import { describe, expect, it } from 'vitest';
import { computeAllMetrics } from './compute-all';
import { appointment, bookingRequest, communication, dischargeOrder, milestone, vendorTask } from './fixture-builders';
import { InvalidMetricsOptionsError } from './options';

const RANGE = { from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' };

function containsNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (value && typeof value === 'object') return Object.values(value).some(containsNaN);
  return false;
}

describe('empty and degenerate input', () => {
  it('reports n = 0 and null values, never NaN', () => {
    const r = computeAllMetrics({}, RANGE);
    expect(containsNaN(r)).toBe(false);
    expect(r.bookings).toBe(0);
    expect(r.overall.orderToTransportConfirmation).toMatchObject({ n: 0, medianMs: null, p90Ms: null });
    expect(r.overall.completionRate).toMatchObject({ n: 0, count: 0, rate: null });
    expect(r.weekly.weeks).toEqual([]);
  });
  it('a booking whose request and Tasks have no authoredOn is skipped, not placed at epoch 0', () => {
    const r = computeAllMetrics({
      serviceRequests: [bookingRequest('x', 'transport', 'Encounter/e', 'Patient/p')],
      tasks: [vendorTask({ id: 'tx', focus: 'ServiceRequest/x', owner: 'Organization/v', patient: 'Patient/p', status: 'requested' })],
    }, { from: '1970-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' });
    expect(r.bookings).toBe(0);
    expect(r.skipped.entries).toEqual([expect.objectContaining({ resourceType: 'ServiceRequest', id: 'x', reason: expect.stringMatching(/^authoredOn/) })]);
  });
  it('a Task whose request is not in the input is skipped', () => {
    const r = computeAllMetrics({
      tasks: [vendorTask({ id: 'orphan', focus: 'ServiceRequest/gone', owner: 'Organization/v', patient: 'Patient/p', status: 'requested', authoredOn: '2025-01-02T00:00:00Z' })],
    }, RANGE);
    expect(r.skipped.entries[0]).toMatchObject({ id: 'orphan', reason: 'focus: request not in input' });
  });
});

describe('timestamps', () => {
  const base = {
    serviceRequests: [
      dischargeOrder('d', 'Encounter/e', 'Patient/p', undefined),
      bookingRequest('s', 'transport', 'Encounter/e', 'Patient/p', '2025-01-10T10:00:00Z'),
    ],
    tasks: [vendorTask({ id: 't', focus: 'ServiceRequest/s', owner: 'Organization/v', patient: 'Patient/p', status: 'accepted', milestone: 'booked', authoredOn: '2025-01-10T10:00:00Z' })],
    provenances: [milestone('b', 'https://ehr.example/fhir/Task/t/_history/2', 'booked', '2025-01-10T11:00:00Z')],
  };
  it('a discharge order without authoredOn excludes the booking as missing-timestamp, not as 0', () => {
    const r = computeAllMetrics(base, RANGE);
    expect(r.overall.orderToTransportConfirmation).toMatchObject({ n: 0, medianMs: null, skipped: { 'missing-timestamp': ['ServiceRequest/s'] } });
  });
  it('a booked milestone with no recorded time is missing-timestamp too', () => {
    const r = computeAllMetrics({
      ...base,
      serviceRequests: [dischargeOrder('d', 'Encounter/e', 'Patient/p', '2025-01-10T09:00:00Z'), base.serviceRequests[1]],
      provenances: [milestone('b', 'Task/t', 'booked', undefined)],
    }, RANGE);
    expect(r.overall.orderToTransportConfirmation.skipped).toEqual({ 'missing-timestamp': ['ServiceRequest/s'] });
  });
  it('absolute and versioned references join like relative ones', () => {
    const r = computeAllMetrics({
      ...base, serviceRequests: [dischargeOrder('d', 'Encounter/e', 'Patient/p', '2025-01-10T09:00:00Z'), base.serviceRequests[1]],
    }, RANGE);
    expect(r.overall.orderToTransportConfirmation.samples).toEqual([{ id: 'ServiceRequest/s', ms: 2 * 3_600_000 }]);
  });
  it('a booked time before the order is excluded as negative-duration', () => {
    const r = computeAllMetrics({
      ...base, serviceRequests: [dischargeOrder('d', 'Encounter/e', 'Patient/p', '2025-01-10T12:00:00Z'), base.serviceRequests[1]],
    }, RANGE);
    expect(r.overall.orderToTransportConfirmation.skipped).toEqual({ 'negative-duration': ['ServiceRequest/s'] });
  });
  it('a pickup time missing from the Appointment is skipped for the notice check but confirmation still counts', () => {
    const r = computeAllMetrics({
      ...base,
      appointments: [appointment('a', 'ServiceRequest/s', 'Patient/p', undefined, 'accepted')],
      communications: [communication('n', { to: 'Patient/p', basedOn: 'ServiceRequest/s', sent: '2025-01-10T12:00:00Z' })],
    }, RANGE);
    expect(r.overall.notifiedInTime).toMatchObject({ n: 0, rate: null, skipped: { 'no-pickup-time': ['ServiceRequest/s'] } });
    expect(r.overall.patientConfirmed).toMatchObject({ n: 1, count: 1 });
  });
});

describe('the home health 48 hour deadline without a contact yet', () => {
  const input = {
    serviceRequests: [bookingRequest('h', 'home-health', 'Encounter/e', 'Patient/p', '2025-01-10T10:00:00Z')],
    tasks: [vendorTask({ id: 't', focus: 'ServiceRequest/h', owner: 'Organization/hh', patient: 'Patient/p', status: 'accepted', authoredOn: '2025-01-10T10:00:00Z' })],
  };
  it('is pending (excluded) while the 48 hours run', () => {
    const r = computeAllMetrics(input, { ...RANGE, now: '2025-01-11T10:00:00Z' });
    expect(r.overall.homeHealthContactInTime).toMatchObject({ n: 0, skipped: { 'deadline-not-reached': ['ServiceRequest/h'] } });
  });
  it('is missed once they are over', () => {
    const r = computeAllMetrics(input, { ...RANGE, now: '2025-01-12T10:00:00Z' });
    expect(r.overall.homeHealthContactInTime).toMatchObject({ n: 1, count: 0, rate: 0 });
  });
});

describe('time zones and units', () => {
  const input = {
    serviceRequests: [
      bookingRequest('late', 'transport', 'Encounter/e1', 'Patient/p1', '2025-01-06T04:30:00Z'), // Sun 23:30 in New York
      bookingRequest('other', 'transport', 'Encounter/e2', 'Patient/p2', '2025-01-07T12:00:00Z'),
    ],
    tasks: [
      vendorTask({ id: 'a', focus: 'ServiceRequest/late', owner: 'Organization/v', patient: 'Patient/p1', status: 'completed', authoredOn: '2025-01-06T04:30:00Z' }),
      vendorTask({ id: 'b', focus: 'ServiceRequest/other', owner: 'Organization/v', patient: 'Patient/p2', status: 'requested', authoredOn: '2025-01-07T12:00:00Z' }),
    ],
  };
  it('a booking near midnight Sunday/Monday lands in a different week in New York than in UTC', () => {
    const ny = computeAllMetrics(input, { ...RANGE, timeZone: 'America/New_York' });
    expect(ny.weekly.weeks.map((w) => w.key)).toEqual(['2025-W01', '2025-W02']);
    expect(ny.weekly.overall['2025-W01']?.completionRate.ids).toEqual(['ServiceRequest/late']);
    const utc = computeAllMetrics(input, { ...RANGE, timeZone: 'UTC' });
    expect(utc.weekly.weeks.map((w) => w.key)).toEqual(['2025-W02']);
    expect(utc.weekly.overall['2025-W02']?.completionRate).toMatchObject({ n: 2, count: 1 });
  });
  it('filters by unit through unitOf(encounter)', () => {
    const unitOf = (enc: string) => (enc === 'Encounter/e1' ? '4 West' : '5 East');
    const r = computeAllMetrics(input, { ...RANGE, filters: { unit: '4 West' }, unitOf });
    expect(r.overall.completionRate.populationIds).toEqual(['ServiceRequest/late']);
  });
  it('refuses bad options with a typed error', () => {
    expect(() => computeAllMetrics(input, { ...RANGE, timeZone: 'Nowhere/Land' })).toThrow(InvalidMetricsOptionsError);
    expect(() => computeAllMetrics(input, { from: RANGE.to, to: RANGE.from })).toThrow(/from must be before to/);
    expect(() => computeAllMetrics(input, { ...RANGE, filters: { unit: '4 West' } })).toThrow(/unitOf/);
    expect(() => computeAllMetrics(input, { from: 'not a date', to: RANGE.to })).toThrow(InvalidMetricsOptionsError);
  });
});
