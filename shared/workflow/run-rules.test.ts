// The runner against an in-memory FHIR server that applies each transaction
// atomically and honours If-None-Exist and If-Match, with fast-check's scheduler
// deciding how the requests of up to three concurrent runners interleave.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FhirHttpError } from '../errors/errors';
import { createFhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import type { FhirRequest, FhirResponse } from '../fhir/transport';
import { runRules } from './run-rules';
import {
  bookedTransport, cancelledTransport, chart, completedTransport, dischargeOrder, NOW, patientToldCommunication, type Json,
} from './workflow-fixtures.test-support';

type Gate = () => Promise<void>;

/** Searches ignore their parameters (returning a superset), which the rules must tolerate anyway. */
function memoryServer(initial: Json[]) {
  const store = new Map<string, Json>(initial.map((r) => [`${r.resourceType}/${r.id}`, { ...r, meta: { versionId: '1' } }]));
  let next = 0;
  const ok = (body: unknown, status = 200): FhirResponse => ({ status, headers: new Headers(), body });
  const search = (type: string) => ({ resourceType: 'Bundle', type: 'searchset', entry: [...store.values()].filter((r) => r.resourceType === type).map((resource) => ({ resource })) });
  const byIdentifier = (type: string, query: string) => {
    const value = decodeURIComponent(query.replace(/^identifier=/, '')).split('|').at(-1);
    return [...store.values()].find((r) => r.resourceType === type && (r['identifier'] as { value: string }[] | undefined)?.some((i) => i.value === value));
  };
  const transaction = (entries: { fullUrl: string; resource: Json; request: { url: string; ifNoneExist: string } }[]) => {
    const urns = new Map<string, string>();
    const out = entries.map((e) => {
      const found = byIdentifier(e.request.url, e.request.ifNoneExist);
      const id = found?.id ?? `srv-${++next}`;
      urns.set(e.fullUrl, `${e.request.url}/${id}`);
      if (!found) store.set(`${e.request.url}/${id}`, { ...e.resource, id, meta: { versionId: '1' } });
      return { response: { status: found ? '200 OK' : '201 Created', location: `${e.request.url}/${id}` } };
    });
    for (const [key, r] of store) {
      let text = JSON.stringify(r);
      for (const [urn, real] of urns) text = text.split(urn).join(real);
      store.set(key, JSON.parse(text) as Json);
    }
    return ok({ resourceType: 'Bundle', type: 'transaction-response', entry: out });
  };
  const handle = (req: FhirRequest): FhirResponse => {
    const body = req.body as { type?: string; entry?: unknown[] } | undefined;
    if (req.method === 'POST' && req.url === '' && body?.type === 'batch') {
      const urls = (body.entry as { request: { url: string } }[]).map((e) => e.request.url.split('?')[0] ?? '');
      return ok({ resourceType: 'Bundle', type: 'batch-response', entry: urls.map((t) => ({ resource: search(t), response: { status: '200 OK' } })) });
    }
    if (req.method === 'POST' && req.url === '') return transaction(body?.entry as Parameters<typeof transaction>[0]);
    if (req.method === 'PUT') {
      const current = store.get(req.url);
      const version = current?.meta && (current.meta as { versionId: string }).versionId;
      if (req.headers?.['If-Match'] && req.headers['If-Match'] !== `W/"${version ?? ''}"`) throw new FhirHttpError(412, 'PUT', req.url);
      const saved = { ...(req.body as Json), meta: { versionId: String(Number(version ?? 0) + 1) } };
      store.set(req.url, saved);
      return ok(saved);
    }
    throw new Error(`fake server: unexpected ${req.method} ${req.url}`);
  };
  const api = (gate?: Gate) => createFhirApi(async (req) => {
    if (gate) await gate();
    // Handled synchronously after the gate: each request is atomic, their order is the scheduler's.
    return handle(req);
  });
  const withIdentifier = (value: string) => [...store.values()].filter((r) => (r['identifier'] as { system?: string; value: string }[] | undefined)?.some((i) => i.system === SYSTEMS.bookingId && i.value === value));
  return { api, store, add: (rs: Json[]) => rs.forEach((r) => store.set(`${r.resourceType}/${r.id}`, { ...r, meta: { versionId: '1' } })), withIdentifier };
}

const FOLLOW_UPS = ['transport-request-order-1', 'notify-patient-b-task-1', 'home-health-referral-Encounter-e1', 'home-health-referral-Encounter-e1-task'];
const now = () => NOW;

describe('runRules', () => {
  it('walks a discharge: order → transport request; booked → notify + referral, request completed; told → notify completed', async () => {
    const server = memoryServer([...chart('hh'), dischargeOrder()]);
    expect((await runRules(server.api(), { now })).map((o) => `${o.rule} ${o.result}`)).toEqual(['transport-request created']);
    expect(await runRules(server.api(), { now })).toEqual([]);
    server.add(bookedTransport());
    const second = await runRules(server.api(), { now });
    expect(second.map((o) => `${o.key} ${o.result}`)).toEqual([
      'notify-patient-b-task-1 created', 'home-health-referral-Encounter-e1 created', 'home-health-referral-Encounter-e1-task created', 'Task/srv-1 completed',
    ]);
    const [referralTask] = server.withIdentifier('home-health-referral-Encounter-e1-task');
    const [referral] = server.withIdentifier('home-health-referral-Encounter-e1');
    expect(referralTask?.['focus']).toEqual({ reference: `ServiceRequest/${referral?.id ?? ''}` });
    server.add([patientToldCommunication()]);
    expect((await runRules(server.api(), { now })).map((o) => `${o.key} ${o.result}`)).toEqual(['Task/srv-2 completed']);
    expect(server.withIdentifier('notify-patient-b-task-1')[0]?.['status']).toBe('completed');
  });

  it('any interleaving of up to three runners over the same events creates each follow-up exactly once', async () => {
    const events = [() => [dischargeOrder()], bookedTransport, () => [patientToldCommunication()]];
    const plan = fc.array(fc.oneof(fc.constant<'event'>('event'), fc.integer({ min: 0, max: 2 })), { maxLength: 12 });
    await fc.assert(fc.asyncProperty(fc.scheduler(), plan, async (s, steps) => {
      const server = memoryServer(chart('hh'));
      const gate: Gate = () => s.schedule(Promise.resolve());
      const runners = [0, 1, 2].map(() => server.api(gate));
      const work: Promise<unknown>[] = [];
      let chain = Promise.resolve();
      let fired = 0;
      for (const step of steps) {
        if (step === 'event') {
          const event = events[fired++];
          if (event) chain = chain.then(gate).then(() => server.add(event()));
        } else work.push(runRules(runners[step] ?? server.api(gate), { now }));
      }
      await s.waitFor(Promise.all([...work, chain]));
      for (const event of events.slice(fired)) server.add(event());
      // Then the world settles: one more run from each runner, in turn.
      for (let i = 0; i < 3; i++) await runRules(server.api(), { now });
      for (const id of FOLLOW_UPS) expect(server.withIdentifier(id).length, id).toBeLessThanOrEqual(1);
      // Home health follows from the booking whenever it happened; the others may be skipped when the world moved first.
      expect(server.withIdentifier('home-health-referral-Encounter-e1')).toHaveLength(1);
      expect(server.withIdentifier('home-health-referral-Encounter-e1-task')).toHaveLength(1);
      for (const id of ['transport-request-order-1', 'notify-patient-b-task-1']) {
        for (const step of server.withIdentifier(id)) expect(step['status'], id).toBe('completed');
      }
    }), { numRuns: 150 });
  });

  it('cancelled with "family or own transport": the open "book transport" step is closed, and no run, however many, opens another', async () => {
    const server = memoryServer([...chart('home'), dischargeOrder()]);
    await runRules(server.api(), { now });
    const [step] = server.withIdentifier('transport-request-order-1');
    expect(step?.['status']).toBe('requested');
    server.add(cancelledTransport('own-transport'));
    expect((await runRules(server.api(), { now })).map((o) => `${o.rule} ${o.key} ${o.result}`)).toEqual([`complete-step Task/${step?.id ?? ''} closed`]);
    expect(await runRules(server.api(), { now })).toEqual([]);
    expect(await runRules(server.api(), { now: () => new Date(NOW.getTime() + 6 * 3_600_000) })).toEqual([]);
    const steps = [...server.store.values()].filter((r) => JSON.stringify(r['code'] ?? {}).includes('transport-request'));
    expect(steps.map((t) => [t['status'], (t['statusReason'] as { text?: string } | undefined)?.text])).toEqual([
      ['cancelled', 'No transport needed: the family drives or the patient declined'],
    ]);
  });

  it('a completed trip closes its "tell the patient" step on the server; the next run leaves it alone', async () => {
    const server = memoryServer([...chart('home'), ...bookedTransport()]);
    expect((await runRules(server.api(), { now })).map((o) => `${o.key} ${o.result}`)).toEqual(['notify-patient-b-task-1 created']);
    server.add(completedTransport());
    const [notify] = server.withIdentifier('notify-patient-b-task-1');
    expect((await runRules(server.api(), { now })).map((o) => `${o.key} ${o.result}`)).toEqual([`Task/${notify?.id ?? ''} closed`]);
    expect(await runRules(server.api(), { now })).toEqual([]);
    expect(server.withIdentifier('notify-patient-b-task-1')[0]).toMatchObject({ status: 'cancelled', statusReason: { text: 'Trip completed' } });
  });
});
