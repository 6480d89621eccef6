// The workflow writes (trigger rules, checkpoints, claim / reassign) against the real
// sandbox FHIR server over HTTP with transactions and conditional create switched
// off: right state on the server, no transaction sent (batches of reads stay, the
// server keeps those), and a rules run that failed midway is finished by the next.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultCapabilities } from '../../server/fhir-engine/index';
import { startTestFhirServer, type TestFhirServer } from '../../sandbox/fhir/test-server';
import { sendWrites } from '../booking/fallback-writes';
import { FhirHttpError } from '../errors/errors';
import { createFhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import { createFetchTransport } from '../fhir/transport';
import { recordPatientConfirmed, recordPatientNotified } from './checkpoints';
import { runRules } from './run-rules';
import { bookedTransport, chart, dischargeOrder, NOW, type Json } from './workflow-fixtures.test-support';
import { ownerChangeBundle } from './worklist-data';

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer(null);
});
afterAll(() => s.close());
beforeEach(() => {
  s.faults.clear();
  s.fhir.capabilities = { ...defaultCapabilities(), transactions: false, conditionalCreate: false };
});

/** A client with its own session, logging each request and the type of any Bundle it POSTs. */
function client() {
  const sent: string[] = [];
  const transport = createFetchTransport({ baseUrl: s.base, fetch });
  const api = createFhirApi(async (req) => {
    const bundle = req.url === '' ? ` ${(req.body as { type?: string }).type ?? ''}` : '';
    sent.push(`${req.method} ${req.url.split('?')[0] ?? ''}${bundle}`);
    return transport(req);
  });
  return { api, sent };
}

async function withIdentifier(type: string, value: string): Promise<Json[]> {
  const r = await s.request('GET', `${type}?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|${value}`)}`);
  return (r.body as { entry?: { resource: Json }[] }).entry?.map((e) => e.resource) ?? [];
}
async function get(path: string): Promise<Json> {
  const r = await s.request('GET', path);
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
  return r.body as Json;
}
const now = () => NOW;

/** The shared fixtures, with what the sandbox's R4 validation requires and the rules do not read. */
function valid(resources: Json[]): never {
  const patch: Record<string, Record<string, unknown>> = {
    Encounter: { class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' } },
    Appointment: { end: '2026-11-23T17:00:00Z' },
  };
  return resources.map((r) => ({ ...r, ...patch[r.resourceType] })) as never;
}

describe('trigger rules on a server without transactions', () => {
  beforeEach(() => s.fhir.reset(valid([...chart('hh'), dischargeOrder()])));

  it('creates each follow-up once, step by step, and reports created', async () => {
    const c = client();
    expect((await runRules(c.api, { now })).map((o) => `${o.key} ${o.result}`)).toEqual(['transport-request-order-1 created']);
    await s.fhir.load(valid(bookedTransport()));
    expect((await runRules(c.api, { now })).map((o) => `${o.key} ${o.result}`)).toEqual([
      'notify-patient-b-task-1 created', 'home-health-referral-Encounter-e1 created', 'home-health-referral-Encounter-e1-task created',
      `Task/${(await withIdentifier('Task', 'transport-request-order-1'))[0]?.id ?? ''} completed`,
    ]);
    expect(c.sent.filter((r) => r.endsWith(' transaction'))).toEqual([]);
    const [referral] = await withIdentifier('ServiceRequest', 'home-health-referral-Encounter-e1');
    const [referralTask] = await withIdentifier('Task', 'home-health-referral-Encounter-e1-task');
    expect(referralTask?.focus).toEqual({ reference: `ServiceRequest/${referral?.id ?? ''}` });
    expect(await runRules(c.api, { now })).toEqual([]);
  });

  it('a run that failed between the referral and its Task: the next run finds the referral and creates only the Task', async () => {
    await s.fhir.load(valid(bookedTransport()));
    const c = client();
    s.faults.set([{ path: '/Task/home-health-referral-Encounter-e1-task', method: 'PUT', kind: 'status', status: 500, times: 1 }]);
    await expect(runRules(c.api, { now })).rejects.toBeInstanceOf(FhirHttpError);
    expect(await withIdentifier('ServiceRequest', 'home-health-referral-Encounter-e1')).toHaveLength(1);
    expect(await withIdentifier('Task', 'home-health-referral-Encounter-e1-task')).toHaveLength(0);

    const second = await runRules(c.api, { now });
    expect(second.filter((o) => o.rule === 'home-health-referral').map((o) => `${o.key} ${o.result}`)).toEqual([
      'home-health-referral-Encounter-e1 existed', 'home-health-referral-Encounter-e1-task created',
    ]);
    expect(await withIdentifier('ServiceRequest', 'home-health-referral-Encounter-e1')).toHaveLength(1);
    const [referral] = await withIdentifier('ServiceRequest', 'home-health-referral-Encounter-e1');
    expect((await withIdentifier('Task', 'home-health-referral-Encounter-e1-task'))[0]?.focus).toEqual({ reference: `ServiceRequest/${referral?.id ?? ''}` });
    expect((await runRules(c.api, { now })).filter((o) => o.rule === 'home-health-referral')).toEqual([]);
  });
});

describe('checkpoints and claims on a server without transactions', () => {
  beforeEach(() => s.fhir.reset(valid([...chart('hh'), ...bookedTransport()])));

  it('"patient notified": one Communication (a resend finds it) and its timeline Provenance', async () => {
    const c = client();
    const input = { request: 'ServiceRequest/sr-t1', patient: 'Patient/p1', task: 'Task/task-v1', message: 'Pickup 16:30', actor: 'PractitionerRole/role-dn-1', communicationId: 'comm-x1', now: NOW };
    await recordPatientNotified(c.api, input);
    await recordPatientNotified(c.api, input);
    expect(c.sent.filter((r) => r.startsWith('POST '))).toEqual(['POST Communication']);
    const communications = await withIdentifier('Communication', 'comm-x1');
    expect(communications).toHaveLength(1);
    expect(communications[0]).toMatchObject({ status: 'completed', payload: [{ contentString: 'Pickup 16:30' }] });
    expect(await get('Provenance/comm-x1-prov')).toMatchObject({ target: [{ reference: 'Task/task-v1' }], activity: { coding: [{ code: 'patient-notified' }] } });
  });

  it('"patient confirmed": the Appointment\'s patient participant accepted (If-Match), then the Provenance', async () => {
    const c = client();
    await recordPatientConfirmed(c.api, { request: 'ServiceRequest/sr-t1', task: 'Task/task-v1', actor: 'PractitionerRole/role-dn-1', provenanceId: 'conf-1', now: NOW });
    expect(c.sent.filter((r) => !r.startsWith('GET'))).toEqual(['PUT Appointment/appt-1', 'PUT Provenance/conf-1']);
    expect((await get('Appointment/appt-1')).participant).toEqual([{ actor: { reference: 'Patient/p1' }, status: 'accepted' }]);
    expect(await get('Provenance/conf-1')).toMatchObject({ activity: { coding: [{ code: 'patient-confirmed' }] } });
  });

  it('claim / reassign (the worklist\'s write): the Task\'s owner with If-Match, then its Provenance', async () => {
    const c = client();
    const task = await c.api.read('Task', 'task-v1');
    await sendWrites(c.api, ownerChangeBundle({ task, to: 'PractitionerRole/role-cm-1', by: 'PractitionerRole/role-cm-1', now: NOW, changeId: 'c1' }));
    expect(c.sent.filter((r) => !r.startsWith('GET'))).toEqual(['PUT Task/task-v1', 'PUT Provenance/task-v1-owner-c1']);
    expect((await get('Task/task-v1')).owner).toEqual({ reference: 'PractitionerRole/role-cm-1' });
    expect(await get('Provenance/task-v1-owner-c1')).toMatchObject({ reason: [{ text: 'Claimed by PractitionerRole/role-cm-1' }] });
    // A second claim from a stale screen (old version) is refused, not overwritten.
    await expect(sendWrites(c.api, ownerChangeBundle({ task, to: 'PractitionerRole/role-cm-9', by: 'PractitionerRole/role-cm-9', now: NOW, changeId: 'c2' }))).rejects.toMatchObject({ status: 412 });
    expect((await get('Task/task-v1')).owner).toEqual({ reference: 'PractitionerRole/role-cm-1' });
  });
});
