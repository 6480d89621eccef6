// Cancel, reschedule and re-dispatch against the real sandbox FHIR server over HTTP
// with transactions and conditional create switched off (as the e2e "limited server"
// does): the server must end in the right state, no transaction may be sent, and a
// retry after a write that failed midway must finish the job instead of refusing it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultCapabilities } from '../../server/fhir-engine/index';
import { startTestFhirServer, type TestFhirServer } from '../../sandbox/fhir/test-server';
import { FhirHttpError, TransitionError } from '../errors/errors';
import { createFhirApi, type FhirApi } from '../fhir/api';
import { EXTENSIONS, SYSTEMS } from '../fhir/codes';
import type { THealthcareService, TOrganization } from '../fhir/schemas';
import { createFetchTransport } from '../fhir/transport';
import { cancelBooking, type CancelInput } from './cancel';
import { dispatchIds } from './dispatch';
import { runDispatch } from './dispatch-runner';
import { createPlanSender } from './fallback-writes';
import { rescheduleBooking, StaleBookingError, type RescheduleInput } from './reschedule';
import { milestoneAllowed } from './task-status';
import { newBookingIds, planBooking, provenanceEntry, type BookingDraft, type TransactionEntry } from './write-plan';

type Json = Record<string, unknown> & { resourceType: string; id: string; meta?: { versionId?: string } };

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer(null);
});
afterAll(() => s.close());
beforeEach(async () => {
  s.faults.clear();
  s.fhir.capabilities = defaultCapabilities();
  await s.fhir.reset([
    { resourceType: 'Patient', id: 'p1', name: [{ family: 'Okafor' }] },
    { resourceType: 'Organization', id: 'a', name: 'Alpha Vans' },
    { resourceType: 'Organization', id: 'b', name: 'Bravo Vans' },
  ]);
});

/** A client with its own session (features are read once per api), logging what it sends. */
function client() {
  const sent: { method: string; url: string; body: unknown }[] = [];
  const transport = createFetchTransport({ baseUrl: s.base, fetch });
  const api = createFhirApi(async (req) => {
    sent.push({ method: req.method, url: req.url.split('?')[0] ?? '', body: req.body });
    return transport(req);
  });
  const writes = () => sent.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url.replace(/\/[^/]+$/, '/…')}`);
  return { api, sent, writes };
}

/** Reads from the (full) sandbox; writes are only recorded, so two versions of a write can be compared. */
function capturing() {
  const bodies: unknown[] = [];
  const transport = createFetchTransport({ baseUrl: s.base, fetch });
  const api = createFhirApi(async (req) => {
    if (req.method === 'GET') return transport(req);
    bodies.push(req.body);
    return { status: 200, headers: new Headers(), body: { resourceType: 'Bundle', type: 'transaction-response', entry: [] } };
  });
  return { api, bodies };
}

function limited() {
  s.fhir.capabilities = { ...defaultCapabilities(), transactions: false, conditionalCreate: false };
}

async function get(path: string): Promise<Json> {
  const r = await s.request('GET', path);
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
  return r.body as Json;
}
async function put(resource: Json): Promise<Json> {
  const r = await s.request('PUT', `${resource.resourceType}/${resource.id}`, resource);
  if (r.status >= 300) throw new Error(`PUT ${resource.resourceType}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Json;
}
async function search(path: string): Promise<Json[]> {
  return ((await get(path)) as unknown as { entry?: { resource: Json }[] }).entry?.map((e) => e.resource) ?? [];
}
const milestone = (t: Json) => (t.businessStatus as { coding: { code: string }[] }).coding[0]?.code;

/** A transport booking for p1 with vendor a, written the normal way (full server). */
async function book(api: FhirApi) {
  const draft: BookingDraft = {
    service: 'transport', code: 'A0130', patient: 'Patient/p1', vendor: 'Organization/a', window: { start: '2026-11-23T15:00:00Z' },
    dropoff: { kind: 'residence', address: { line: ['1 Main St'], postalCode: '43215' } }, flags: ['wheelchair'],
  };
  const plan = planBooking(draft, newBookingIds(() => crypto.randomUUID(), draft), '2026-11-22T10:00:00Z');
  await createPlanSender(api)(plan.bundle);
  const [request] = await search(`ServiceRequest?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|${plan.ids.request}`)}`);
  const [task] = await search(`Task?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|${plan.ids.task}`)}`);
  if (!request || !task) throw new Error('booking not written');
  return { request, task, ids: plan.ids };
}

/** The vendor accepted and booked it (as the simulator would). */
async function accepted(task: Json): Promise<Json> {
  return put({ ...task, status: 'accepted', businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'booked' }] } });
}

describe('cancel on a server without transactions', () => {
  const input = (b: { request: Json; task: Json }): CancelInput => ({
    requestType: 'ServiceRequest', requestId: b.request.id, taskId: b.task.id, by: 'patient', reason: 'Family will drive',
    actor: 'PractitionerRole/cm', provenanceId: 'prov-cancel-1', now: '2026-11-22T11:00:00Z',
  });

  it('cancels the Task, revokes the request and records a Provenance, one write at a time and no transaction', async () => {
    const b = await book(client().api);
    limited();
    const c = client();
    await cancelBooking(c.api, input(b));
    expect(c.writes()).toEqual(['PUT Task/…', 'PUT ServiceRequest/…', 'PUT Provenance/…']);
    expect(c.sent.find((r) => r.method === 'PUT' && r.url.startsWith('Task/'))).toBeDefined();
    expect(await get(`Task/${b.task.id}`)).toMatchObject({ status: 'cancelled', statusReason: { text: 'Family will drive' }, businessStatus: { coding: [{ code: 'cancelled-by-patient' }] } });
    expect((await get(`ServiceRequest/${b.request.id}`)).status).toBe('revoked');
    expect(await get('Provenance/prov-cancel-1')).toMatchObject({ target: [{ reference: `Task/${b.task.id}` }], activity: { coding: [{ code: 'cancelled-by-patient' }] }, reason: [{ text: 'Family will drive' }] });
  });

  it('still refuses to overwrite a change it has not seen: If-Match holds on each write', async () => {
    const b = await book(client().api);
    limited();
    const c = client();
    // The vendor moves the Task between CareRelay's read and its write.
    s.faults.set([{ method: 'PUT', path: '/Task/', kind: 'status', status: 412, times: 1 }]);
    await expect(cancelBooking(c.api, input(b))).rejects.toMatchObject({ status: 412 });
    expect((await get(`ServiceRequest/${b.request.id}`)).status).toBe('active');
    expect((await get(`Task/${b.task.id}`)).status).toBe('requested');
  });

  it('a retry after a failure midway (Task cancelled, request not) finishes the rest instead of refusing cancelled → cancelled', async () => {
    const b = await book(client().api);
    limited();
    const c = client();
    s.faults.set([{ method: 'PUT', path: '/ServiceRequest/', kind: 'status', status: 500, times: 1 }]);
    await expect(cancelBooking(c.api, input(b))).rejects.toBeInstanceOf(FhirHttpError);
    const half = await get(`Task/${b.task.id}`);
    expect(half.status).toBe('cancelled');
    expect((await get(`ServiceRequest/${b.request.id}`)).status).toBe('active');

    await cancelBooking(c.api, { ...input(b), now: '2026-11-22T11:01:00Z' });
    expect((await get(`ServiceRequest/${b.request.id}`)).status).toBe('revoked');
    expect((await get(`Task/${b.task.id}`)).meta?.versionId).toBe(half.meta?.versionId); // not written again
    expect(await search(`Provenance?target=Task/${b.task.id}`)).toHaveLength(2); // 'sent' at booking + this cancel
    // And once more (the answer to the last write was lost): still one cancel Provenance, nothing refused.
    await cancelBooking(c.api, input(b));
    expect((await search(`Provenance?target=Task/${b.task.id}`)).filter((p) => JSON.stringify(p.activity).includes('cancelled-by-patient'))).toHaveLength(1);
  });

  it('a Task someone else cancelled is still refused', async () => {
    const b = await book(client().api);
    await put({ ...b.task, status: 'cancelled', statusReason: { text: 'No driver' }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'cancelled-by-vendor' }] } });
    limited();
    await expect(cancelBooking(client().api, input(b))).rejects.toBeInstanceOf(TransitionError);
    expect((await get(`ServiceRequest/${b.request.id}`)).status).toBe('active');
  });

  it('on a full server the cancel is still the one transaction it always was, byte for byte', async () => {
    const b = await book(client().api);
    const legacy = capturing();
    await legacyCancel(legacy.api, input(b));
    const now = capturing();
    await cancelBooking(now.api, input(b));
    expect(now.bodies).toHaveLength(1);
    expect(JSON.stringify(now.bodies[0])).toBe(JSON.stringify(legacy.bodies[0]));
    const c = client();
    await cancelBooking(c.api, input(b));
    expect(c.writes()).toEqual(['POST ']);
  });
});

/** cancel.ts as it was before the fallback existed. */
async function legacyCancel(api: FhirApi, input: CancelInput): Promise<void> {
  const [task, request] = await Promise.all([api.read('Task', input.taskId), api.read(input.requestType, input.requestId)]);
  const milestone = `cancelled-by-${input.by}`;
  await api.transaction({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        resource: { ...task, status: 'cancelled', statusReason: { text: input.reason }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: milestone }] }, lastModified: input.now },
        request: { method: 'PUT', url: `Task/${input.taskId}`, ifMatch: `W/"${task.meta?.versionId ?? ''}"` },
      },
      {
        resource: { ...request, status: 'revoked' },
        request: { method: 'PUT', url: `${input.requestType}/${input.requestId}`, ifMatch: `W/"${request.meta?.versionId ?? ''}"` },
      },
      provenanceEntry(input.provenanceId, `Task/${input.taskId}`, milestone, input.now, input.actor, input.reason),
    ],
  });
}

describe('reschedule on a server without transactions', () => {
  const input = (b: { request: Json; task: Json }): RescheduleInput => ({
    requestType: 'ServiceRequest', requestId: b.request.id, taskId: b.task.id, seen: { task: b.task.meta?.versionId, request: b.request.meta?.versionId },
    start: '2026-11-23T18:00:00Z', end: '2026-11-23T18:30:00Z', actor: 'PractitionerRole/cm', provenanceId: 'prov-resched-1', now: '2026-11-22T11:00:00Z',
  });

  it('moves the order, asks the vendor to confirm again and records who asked, without a transaction', async () => {
    const booked = await book(client().api);
    const b = { ...booked, task: await accepted(booked.task) };
    limited();
    const c = client();
    await rescheduleBooking(c.api, input(b));
    expect(c.writes()).toEqual(['PUT ServiceRequest/…', 'PUT Task/…', 'PUT Provenance/…']);
    expect((await get(`ServiceRequest/${b.request.id}`)).occurrencePeriod).toEqual({ start: '2026-11-23T18:00:00.000Z', end: '2026-11-23T18:30:00.000Z' });
    expect(milestone(await get(`Task/${b.task.id}`))).toBe('reschedule-requested');
    expect(await get('Provenance/prov-resched-1')).toMatchObject({ activity: { coding: [{ code: 'reschedule-requested' }] }, target: [{ reference: `Task/${b.task.id}` }] });
  });

  it('a retry after a failure midway (order moved, vendor not asked) finishes it instead of calling its own write "someone else\'s change"', async () => {
    const booked = await book(client().api);
    const b = { ...booked, task: await accepted(booked.task) };
    limited();
    const c = client();
    s.faults.set([{ method: 'PUT', path: '/Task/', kind: 'status', status: 503, retryAfter: 0, times: 1 }]);
    await expect(rescheduleBooking(c.api, input(b))).rejects.toBeInstanceOf(FhirHttpError);
    const moved = await get(`ServiceRequest/${b.request.id}`);
    expect(moved.occurrencePeriod).toMatchObject({ start: '2026-11-23T18:00:00.000Z' });
    expect(milestone(await get(`Task/${b.task.id}`))).toBe('booked');

    await rescheduleBooking(c.api, input(b)); // the same dialog: same versions seen, same provenance id
    expect(milestone(await get(`Task/${b.task.id}`))).toBe('reschedule-requested');
    expect((await get(`ServiceRequest/${b.request.id}`)).meta?.versionId).toBe(moved.meta?.versionId); // not written again
    expect(await get('Provenance/prov-resched-1')).toMatchObject({ activity: { coding: [{ code: 'reschedule-requested' }] } });
    // Everything already done (the last answer lost): only the Provenance is written again, at the same id.
    const again = client();
    await rescheduleBooking(again.api, input(b));
    expect(again.writes()).toEqual(['PUT Provenance/…']);
  });

  it('a change by someone else is still refused (412), the retry logic does not hide it', async () => {
    const booked = await book(client().api);
    const b = { ...booked, task: await accepted(booked.task) };
    await put({ ...b.request, occurrencePeriod: { start: '2026-11-23T20:00:00Z' } });
    limited();
    await expect(rescheduleBooking(client().api, input(b))).rejects.toBeInstanceOf(StaleBookingError);
    expect(milestone(await get(`Task/${b.task.id}`))).toBe('booked');
  });
  it('on a full server the reschedule is still the one transaction it always was, byte for byte', async () => {
    const booked = await book(client().api);
    const b = { ...booked, task: await accepted(booked.task) };
    const legacy = capturing();
    await legacyReschedule(legacy.api, input(b));
    const now = capturing();
    await rescheduleBooking(now.api, input(b));
    expect(now.bodies).toHaveLength(1);
    expect(JSON.stringify(now.bodies[0])).toBe(JSON.stringify(legacy.bodies[0]));
  });
});

/** reschedule.ts's writes as they were before the fallback existed (its checks are the same). */
async function legacyReschedule(api: FhirApi, input: RescheduleInput): Promise<void> {
  const start = Date.parse(input.start);
  const task = await api.read('Task', input.taskId);
  const request = await api.read(input.requestType, input.requestId);
  const when = { start: new Date(start).toISOString(), ...(input.end ? { end: new Date(Date.parse(input.end)).toISOString() } : {}) };
  const entries: TransactionEntry[] = [{
    fullUrl: `${input.requestType}/${input.requestId}`,
    resource: { ...request, occurrencePeriod: when },
    request: { method: 'PUT', url: `${input.requestType}/${input.requestId}`, ifMatch: `W/"${request.meta?.versionId ?? ''}"` },
  }];
  if (milestoneAllowed(task.status, 'reschedule-requested')) {
    entries.push({
      fullUrl: `Task/${input.taskId}`,
      resource: { ...task, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'reschedule-requested' }] }, lastModified: input.now },
      request: { method: 'PUT', url: `Task/${input.taskId}`, ifMatch: `W/"${task.meta?.versionId ?? ''}"` },
    });
  }
  entries.push(provenanceEntry(input.provenanceId, `Task/${input.taskId}`, 'reschedule-requested', input.now, input.actor, `New time requested: ${when.start}`));
  await api.transaction({ resourceType: 'Bundle', type: 'transaction', entry: entries });
}

describe('re-dispatch on a server without transactions', () => {
  const hcs = (id: string): THealthcareService => ({
    resourceType: 'HealthcareService', id: `hcs-${id}`, providedBy: { reference: `Organization/${id}` },
    type: [{ coding: [{ system: SYSTEMS.nucc, code: '343900000X' }] }],
    characteristic: [{ coding: [{ system: SYSTEMS.capability, code: 'wheelchair' }] }],
    extension: [{ url: EXTENSIONS.servicePostalCode, valueString: '43215' }],
  });
  const organizations: TOrganization[] = [{ resourceType: 'Organization', id: 'a', name: 'Alpha Vans' }, { resourceType: 'Organization', id: 'b', name: 'Bravo Vans' }];
  const options = (request: Json, now = new Date('2026-11-22T12:00:00Z')) => ({
    candidates: [{ resourceType: 'ServiceRequest' as const, id: request.id }], services: [hcs('a'), hcs('b')], organizations,
    postalCode: '43215', now: () => now, noAnswerMs: 15 * 60_000, actor: 'PractitionerRole/cm',
  });
  const tasksOf = (request: Json) => search(`Task?focus=ServiceRequest/${request.id}`);

  it('a decline: the request names the next vendor first (the If-Match claim), then its Task, then the Provenance', async () => {
    const b = await book(client().api);
    await put({ ...b.task, status: 'rejected', statusReason: { text: 'No driver' }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'declined' }] } });
    limited();
    const c = client();
    expect(await runDispatch(c.api, options(b.request))).toEqual([{ request: `ServiceRequest/${b.request.id}`, kind: 'redispatch', to: 'Organization/b' }]);
    expect(c.writes()).toEqual(['PUT ServiceRequest/…', 'PUT Task/…', 'PUT Provenance/…']);
    const ids = dispatchIds(b.request as never, 2);
    const next = await get(`Task/${ids.task}`);
    expect(next).toMatchObject({ status: 'requested', owner: { reference: 'Organization/b' }, focus: { reference: `ServiceRequest/${b.request.id}` } });
    expect((await get(`ServiceRequest/${b.request.id}`)).performer).toEqual([{ reference: 'Organization/b', display: 'Bravo Vans' }]);
    expect((await get(`Provenance/${ids.provenance}`)).target).toEqual([{ reference: `Task/${ids.task}` }]);
  });

  it('no answer: the unanswered Task is closed after the next one exists; a run that failed midway is finished by the next run', async () => {
    const b = await book(client().api);
    limited();
    const c = client();
    const ids = dispatchIds(b.request as never, 2);
    // The next Task's write fails once: the request already names vendor b, no Task for b exists yet.
    s.faults.set([{ method: 'PUT', path: `/Task/${ids.task}`, kind: 'status', status: 500, times: 1 }]);
    const later = new Date(Date.parse('2026-11-22T10:00:00Z') + 20 * 60_000);
    await expect(runDispatch(c.api, options(b.request, later))).rejects.toBeInstanceOf(FhirHttpError);
    expect((await get(`Task/${b.task.id}`)).status).toBe('requested');
    expect(await tasksOf(b.request)).toHaveLength(1);

    expect(await runDispatch(c.api, options(b.request, later))).toEqual([{ request: `ServiceRequest/${b.request.id}`, kind: 'redispatch', to: 'Organization/b' }]);
    expect(c.writes().slice(-5)).toEqual(['PUT ServiceRequest/…', 'PUT Task/…', 'PUT Task/…', 'PUT Provenance/…', 'PUT Provenance/…']);
    const tasks = await tasksOf(b.request);
    expect(tasks.map((t) => [t.id === b.task.id ? 'first' : t.id, t.status]).sort()).toEqual([[ids.task, 'requested'], ['first', 'cancelled']]);
    expect((await get(`Provenance/${ids.closeProvenance}`)).target).toEqual([{ reference: `Task/${b.task.id}` }]);
    // A third run has nothing to do: the newest Task is fresh.
    expect(await runDispatch(c.api, options(b.request, later))).toEqual([{ request: `ServiceRequest/${b.request.id}`, kind: 'none' }]);
  });

  it('a runner that lost the race gets 412 on the request and writes nothing', async () => {
    const b = await book(client().api);
    await put({ ...b.task, status: 'rejected', statusReason: { text: 'No driver' }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'declined' }] } });
    limited();
    const c = client();
    s.faults.set([{ method: 'PUT', path: '/ServiceRequest/', kind: 'status', status: 412, times: 1 }]);
    expect(await runDispatch(c.api, options(b.request))).toEqual([{ request: `ServiceRequest/${b.request.id}`, kind: 'conflict' }]);
    expect(c.writes()).toEqual(['PUT ServiceRequest/…']);
    expect(await tasksOf(b.request)).toHaveLength(1);
  });
});
