// The outbox against a fake FHIR server that honours conditional create and can
// fail in every way a real network does, including "committed, then dropped".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFhirApi } from '../fhir/api';
import { FhirHttpError, NetworkError } from '../errors/errors';
import type { FhirRequest, FhirResponse } from '../fhir/transport';
import { createOutbox, type KeyValueStore } from './outbox';
import { newBookingIds, planBooking, type BookingDraft } from './write-plan';

type Fault = 'ok' | 'drop-before' | 'drop-after-commit' | '500' | '503' | '429' | 'malformed-after-commit';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v), remove: async (k) => void data.delete(k), keys: async () => [...data.keys()] };
}

/** A server holding resources by identifier; applies a transaction of conditional creates atomically. */
function fakeServer(faults: Fault[]) {
  const byIdentifier = new Map<string, { resourceType: string; id: string }>();
  let calls = 0;
  const commit = (body: unknown): FhirResponse => {
    const entries = (body as { entry: { resource: { resourceType: string; id?: string; identifier?: { value: string }[] } }[] }).entry;
    const out = entries.map((e) => {
      // Conditional creates match on our identifier; the Provenance PUT on its client-chosen id.
      const key = e.resource.identifier?.[0]?.value ?? e.resource.id ?? '';
      let existing = byIdentifier.get(key);
      if (!existing) {
        existing = { resourceType: e.resource.resourceType, id: `srv-${byIdentifier.size + 1}` };
        byIdentifier.set(key, existing);
      }
      return { response: { status: '201 Created', location: `${existing.resourceType}/${existing.id}/_history/1` } };
    });
    return { status: 200, headers: new Headers(), body: { resourceType: 'Bundle', type: 'transaction-response', entry: out } };
  };
  const transport = async (req: FhirRequest): Promise<FhirResponse> => {
    const fault = faults[calls++] ?? 'ok';
    if (fault === 'drop-before') throw new NetworkError(req.method, 'base', new Error('socket hang up'));
    if (fault === '500' || fault === '503') throw new FhirHttpError(Number(fault), req.method, 'base');
    if (fault === '429') throw new FhirHttpError(429, req.method, 'base', undefined, 1000);
    const response = commit(req.body);
    if (fault === 'drop-after-commit') throw new NetworkError(req.method, 'base', new Error('connection reset'));
    if (fault === 'malformed-after-commit') return { ...response, body: { not: 'a bundle' } };
    return response;
  };
  return { transport, byIdentifier, calls: () => calls };
}

const draft: BookingDraft = {
  service: 'transport', code: 'A0130', patient: 'Patient/p1', vendor: 'Organization/v1', window: { start: '2026-11-23T15:00:00Z' },
  dropoff: { kind: 'residence', address: { line: ['1 Main St'] } }, flags: [],
};

function setup(faults: Fault[], maxAttempts = 8) {
  const server = fakeServer(faults);
  const store = memoryStore();
  const waits: number[] = [];
  const outbox = createOutbox({ store, api: createFhirApi(server.transport), sleep: async (ms) => void waits.push(ms), maxAttempts, baseDelayMs: 100 });
  let n = 0;
  const ids = newBookingIds(() => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, draft);
  const plan = planBooking(draft, ids, '2026-11-22T10:00:00Z');
  return { server, store, waits, outbox, plan };
}

describe('outbox', () => {
  it('stores the plan before the first send and removes it once confirmed', async () => {
    const { outbox, plan, store, server } = setup(['drop-before']);
    await outbox.enqueue(plan, { summary: 'Wheelchair van', patient: 'p1' });
    expect([...store.data.keys()]).toEqual([`carerelay.outbox.${plan.ids.request}`]);
    expect(server.calls()).toBe(0);
    const sent = await outbox.send(plan.ids.request);
    expect(sent).toEqual({ requestRef: 'ServiceRequest/srv-2', taskRef: 'Task/srv-3', attempts: 2, problems: [expect.any(NetworkError)] });
    expect(store.data.size).toBe(0);
  });

  it('honours Retry-After over its own backoff', async () => {
    const { outbox, plan, waits } = setup(['429', '500']);
    await outbox.enqueue(plan, { summary: 's', patient: 'p1' });
    await outbox.send(plan.ids.request);
    expect(waits).toEqual([1000, 200]);
  });

  it('a double click sends once', async () => {
    const { outbox, plan, server } = setup([]);
    await outbox.enqueue(plan, { summary: 's', patient: 'p1' });
    const [a, b] = await Promise.all([outbox.send(plan.ids.request), outbox.send(plan.ids.request)]);
    expect(a).toEqual(b);
    expect(server.calls()).toBe(1);
  });

  it('keeps a booking it could not send, marked failed with the reason, when the server refuses it', async () => {
    const server = fakeServer([]);
    const store = memoryStore();
    const outbox = createOutbox({ store, sleep: async () => {}, api: createFhirApi(async () => { throw new FhirHttpError(400, 'POST', 'base'); }) });
    const plan = setup([]).plan;
    await outbox.enqueue(plan, { summary: 's', patient: 'p1' });
    await expect(outbox.send(plan.ids.request)).rejects.toThrow(/HTTP 400/);
    expect((await outbox.list())[0]).toMatchObject({ state: 'failed', attempts: 1, lastError: expect.stringMatching(/400/) });
    expect(server.byIdentifier.size).toBe(0);
  });

  it('property: any sequence of faults yields exactly one booking or a kept outbox item, never a duplicate or a loss', async () => {
    const fault = fc.constantFrom<Fault>('ok', 'drop-before', 'drop-after-commit', '500', '503', '429', 'malformed-after-commit');
    await fc.assert(
      fc.asyncProperty(fc.array(fault, { maxLength: 10 }), fc.integer({ min: 1, max: 3 }), async (faults, clicks) => {
        const { outbox, plan, server, store } = setup(faults, 6);
        await outbox.enqueue(plan, { summary: 's', patient: 'p1' });
        const results = await Promise.allSettled(Array.from({ length: clicks }, () => outbox.send(plan.ids.request)));
        const requests = [...server.byIdentifier.values()].filter((r) => r.resourceType === 'ServiceRequest');
        const tasks = [...server.byIdentifier.values()].filter((r) => r.resourceType === 'Task');
        expect(requests.length).toBeLessThanOrEqual(1);
        expect(tasks.length).toBeLessThanOrEqual(1);
        if (results.every((r) => r.status === 'rejected')) {
          // Not confirmed: the plan must still be in the outbox to resend (nothing lost).
          expect(store.data.size).toBe(1);
          let resent = await Promise.allSettled([outbox.send(plan.ids.request)]);
          if (resent[0]?.status === 'rejected') resent = await Promise.allSettled([outbox.send(plan.ids.request)]);
          expect(resent[0]?.status).toBe('fulfilled');
        }
        expect([...server.byIdentifier.values()].filter((r) => r.resourceType === 'ServiceRequest')).toHaveLength(1);
        expect(store.data.size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
