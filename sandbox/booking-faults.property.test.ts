// Property: against the real sandbox FHIR server over HTTP, with its fault
// injection, any sequence of faults (dropped before or after commit, 401, 429,
// 500, 503, malformed JSON) and any number of clicks from one or two surfaces
// (app and extension, each with its own outbox) yields exactly one booking:
// 0 duplicates and 0 lost.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox, type KeyValueStore } from '../shared/booking/outbox';
import { newBookingIds, planBooking, type BookingDraft } from '../shared/booking/write-plan';
import { createPlanSender } from '../shared/booking/fallback-writes';
import { createFhirApi } from '../shared/fhir/api';
import { SYSTEMS } from '../shared/fhir/codes';
import { createFetchTransport } from '../shared/fhir/transport';
import type { FaultRule } from './contracts';
import { startTestFhirServer, type TestFhirServer } from './fhir/test-server';

let server: TestFhirServer;
beforeAll(async () => {
  server = await startTestFhirServer(null);
});
afterAll(async () => server.close());

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v), remove: async (k) => void data.delete(k), keys: async () => [...data.keys()] };
}

const FAULTS: FaultRule[] = [
  { kind: 'drop-before' }, { kind: 'drop-after-commit' }, { kind: 'malformed-json' },
  { kind: 'status', status: 500 }, { kind: 'status', status: 503, retryAfter: 0 }, { kind: 'status', status: 429, retryAfter: 0 },
  { kind: 'status', status: 401 },
];

/** One surface: its own outbox and store, the real transport (a 401 refreshes once). */
function surface() {
  const transport = createFetchTransport({ baseUrl: server.base, fetch, authorization: async () => undefined, refresh: async () => true });
  const api = createFhirApi(transport);
  return createOutbox({ store: memoryStore(), api, send: createPlanSender(api), sleep: async () => undefined, maxAttempts: 8 });
}

async function count(type: string, value: string): Promise<number> {
  const res = await server.request('GET', `${type}?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|${value}`)}&_summary=count`);
  return (res.body as { total: number }).total;
}

describe('bookings under random fault sequences (sandbox FHIR server)', () => {
  it('0 duplicate and 0 lost bookings over 100 random fault sequences', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...FAULTS), { maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        async (faults, clicks, twoSurfaces) => {
          runs += 1;
          // Each run is another patient's trip: the same patient's same trip again would
          // (rightly) meet the first run's booking slot (shared/booking/duplicate-guard.ts).
          const draft: BookingDraft = {
            service: 'transport', code: 'A0130', patient: `Patient/p-prop-${runs}`, vendor: 'Organization/v1',
            window: { start: '2026-11-23T15:00:00Z' }, dropoff: { kind: 'residence', address: { line: ['1 Main St'] } }, flags: ['wheelchair'],
          };
          const ids = newBookingIds(() => crypto.randomUUID(), draft);
          const plan = planBooking(draft, ids, new Date().toISOString());
          server.faults.set(faults.map((f) => ({ ...f, method: 'POST', times: 1 })));
          const outboxes = twoSurfaces ? [surface(), surface()] : [surface()];
          for (const o of outboxes) await o.enqueue(plan, { summary: 'Wheelchair van', patient: `p-prop-${runs}` });
          const sends = outboxes.flatMap((o) => Array.from({ length: clicks }, () => o.send(ids.request)));
          const results = await Promise.allSettled(sends);
          server.faults.clear();
          // Only an ended session (401 after a refresh) may stop a send; the booking then waits
          // in the outbox and goes out after the user signs in again.
          for (const r of results) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/SessionExpiredError/);
          for (const o of outboxes) for (const item of await o.list()) await o.send(item.id);
          expect(await count('ServiceRequest', ids.request)).toBe(1);
          expect(await count('Task', ids.task)).toBe(1);
          expect(await count('Location', ids.dropoff ?? '')).toBe(1);
          const provenance = await server.request('GET', `Provenance?_id=${ids.provenance}&_summary=count`);
          expect((provenance.body as { total: number }).total).toBe(1);
          for (const o of outboxes) expect(await o.list()).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
    expect(runs).toBeGreaterThanOrEqual(100);
  }, 120_000);
});
