import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeAllMetrics } from './compute-all';
import { bookingRequest, milestone, vendorTask } from './fixture-builders';

const RANGE = { from: '2025-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' };
const STATUSES = ['draft', 'requested', 'accepted', 'rejected', 'cancelled', 'in-progress', 'on-hold', 'completed', 'failed', 'entered-in-error'];

// Requests with any number of attempts in any status, some pointing at requests that don't exist, plus junk.
const arbitraryInput = fc.record({
  requests: fc.array(fc.record({ type: fc.constantFrom('transport', 'home-health', 'dme' as const), day: fc.integer({ min: 0, max: 70 }) }), { maxLength: 15 }),
  tasks: fc.array(fc.record({ request: fc.nat(20), status: fc.constantFrom(...STATUSES), vendor: fc.nat(3), booked: fc.boolean() }), { maxLength: 40 }),
  junk: fc.array(fc.anything(), { maxLength: 5 }),
});

describe('completion rate (property)', () => {
  it('is within [0, 1] (or null when n = 0) and never counts more than the requests', () => {
    fc.assert(fc.property(arbitraryInput, ({ requests, tasks, junk }) => {
      const at = (day: number) => new Date(Date.parse(RANGE.from) + day * 86_400_000).toISOString();
      const reqs = requests.map((r, i) => bookingRequest(`r${i}`, r.type, `Encounter/e${i}`, `Patient/p${i}`, at(r.day)));
      const ref = (i: number) => `${requests[i]?.type === 'dme' ? 'DeviceRequest' : 'ServiceRequest'}/r${i}`;
      const r = computeAllMetrics({
        serviceRequests: [...reqs.filter((q) => q.resourceType === 'ServiceRequest'), ...junk],
        deviceRequests: reqs.filter((q) => q.resourceType === 'DeviceRequest'),
        tasks: [...tasks.map((t, i) => vendorTask({ id: `t${i}`, focus: ref(t.request), owner: `Organization/v${t.vendor}`, patient: 'Patient/p', status: t.status, authoredOn: at(1) })), ...junk],
        provenances: tasks.filter((t) => t.booked).map((t, i) => milestone(`m${i}`, `Task/t${i}`, 'booked', at(2))),
      }, RANGE);
      for (const set of [r.overall, ...Object.values(r.byServiceType), ...Object.values(r.byVendor)]) {
        const c = set?.completionRate;
        if (!c) continue;
        expect(c.count).toBeLessThanOrEqual(c.n);
        expect(c.n).toBeLessThanOrEqual(requests.length);
        expect(new Set(c.populationIds).size).toBe(c.n); // each request once, however many attempts
        if (c.n === 0) expect(c.rate).toBeNull();
        else expect(c.rate).toBeGreaterThanOrEqual(0);
        if (c.rate !== null) expect(c.rate).toBeLessThanOrEqual(1);
      }
    }), { numRuns: 200 });
  });
});
