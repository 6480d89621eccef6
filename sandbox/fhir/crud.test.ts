import type { Bundle, CapabilityStatement, OperationOutcome, Patient, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../shared/fhir/codes';
import type { TestFhirServer } from './test-server';
import { startTestFhirServer } from './test-server';

const patient: Patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Okafor', given: ['Ada'] }], gender: 'female' };
const task = (value: string): Task => ({
  resourceType: 'Task',
  identifier: [{ system: SYSTEMS.bookingId, value }],
  status: 'requested',
  intent: 'order',
  for: { reference: 'Patient/p1' },
});

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer();
});
afterAll(() => s.close());
beforeEach(() => s.fhir.reset([patient]));

describe('FHIR REST interactions', () => {
  it('serves a CapabilityStatement as application/fhir+json', async () => {
    const r = await s.request('GET', 'metadata');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/fhir+json');
    const cs = r.body as CapabilityStatement;
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest?.[0]?.interaction?.map((i) => i.code)).toContain('transaction');
  });

  it('reads a seeded resource with its ETag, and 404s with an OperationOutcome for unknown ids', async () => {
    const r = await s.request('GET', 'Patient/p1');
    expect(r.status).toBe(200);
    expect((r.body as Patient).name?.[0]?.family).toBe('Okafor');
    expect(r.headers.get('etag')).toMatch(/^W\/".+"$/);
    const missing = await s.request('GET', 'Patient/nope');
    expect(missing.status).toBe(404);
    expect((missing.body as OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  it('creates with 201, Location and ETag, ignoring a client id', async () => {
    const r = await s.request('POST', 'Task', { ...task('a'), id: 'chosen-by-client' });
    expect(r.status).toBe(201);
    const created = r.body as Task;
    expect(created.id).not.toBe('chosen-by-client');
    expect(r.headers.get('location')).toBe(`${s.base}/Task/${created.id}/_history/${created.meta?.versionId}`);
    expect(r.headers.get('etag')).toBe(`W/"${created.meta?.versionId}"`);
    expect((await s.request('GET', `Task/${created.id}`)).status).toBe(200);
  });

  it('honours Prefer: return=minimal', async () => {
    const r = await s.request('POST', 'Task', task('b'), { Prefer: 'return=minimal' });
    expect(r.status).toBe(201);
    expect(r.body).toBeUndefined();
    expect(r.headers.get('location')).toMatch(/\/Task\/[^/]+\/_history\//);
  });

  it('rejects an invalid resource with 400 and the validation issue', async () => {
    const r = await s.request('POST', 'Task', { resourceType: 'Task', status: 'requested' });
    expect(r.status).toBe(400);
    const outcome = r.body as OperationOutcome;
    expect(outcome.issue?.[0]?.expression).toEqual(['Task.intent']);
    const bogus = await s.request('PUT', 'Patient/p1', { ...patient, favouriteColour: 'blue' });
    expect(bogus.status).toBe(400);
    expect((await s.request('GET', 'Patient/p1')).body).not.toHaveProperty('favouriteColour');
  });

  it('refuses a reference to a resource type the element does not allow, directly and in a transaction', async () => {
    const appt = (actor: string) => ({
      resourceType: 'Appointment', status: 'booked', start: '2026-03-10T15:00:00Z', end: '2026-03-10T16:00:00Z',
      participant: [{ actor: { reference: 'Patient/p1' }, status: 'accepted' }, { actor: { reference: actor }, status: 'accepted' }],
    });
    const refused = await s.request('POST', 'Appointment', appt('Organization/vendor-1'));
    expect(refused.status).toBe(400);
    const issue = (refused.body as OperationOutcome).issue?.[0];
    expect(issue?.details?.text).toContain('Appointment.participant[1].actor.reference: Organization/vendor-1 is not a reference');
    const tx = await s.request('POST', '', {
      resourceType: 'Bundle', type: 'transaction',
      entry: [{ fullUrl: 'urn:uuid:0b9c7a52-6f0e-4a55-9a3e-6d1f1b2c3d4e', resource: appt('Organization/vendor-1'), request: { method: 'POST', url: 'Appointment' } }],
    });
    expect(tx.status).toBe(400);
    expect((await s.request('GET', 'Appointment')).body).toMatchObject({ total: 0 });
    const allowed = await s.request('POST', 'Appointment', appt('HealthcareService/hcs-1'));
    expect(allowed.status).toBe(201);
  });

  it('updates with If-Match, and answers a stale ETag with 412 without overwriting', async () => {
    const read = await s.request('GET', 'Patient/p1');
    const etag = read.headers.get('etag') ?? '';
    const ok = await s.request('PUT', 'Patient/p1', { ...patient, gender: 'other' }, { 'If-Match': etag });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).not.toBe(etag);
    const stale = await s.request('PUT', 'Patient/p1', { ...patient, gender: 'male' }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect((stale.body as OperationOutcome).resourceType).toBe('OperationOutcome');
    expect(((await s.request('GET', 'Patient/p1')).body as Patient).gender).toBe('other');
  });

  it('vreads old versions and lists instance history newest first, every time', async () => {
    const v1 = (await s.request('GET', 'Patient/p1')).body as Patient;
    await s.request('PUT', 'Patient/p1', { ...patient, gender: 'other' });
    await s.request('PUT', 'Patient/p1', { ...patient, gender: 'male' });
    for (let i = 0; i < 2; i++) {
      const h = (await s.request('GET', 'Patient/p1/_history')).body as Bundle<Patient>;
      expect(h.entry?.map((e) => e.resource?.gender)).toEqual(['male', 'other', 'female']);
    }
    const old = await s.request('GET', `Patient/p1/_history/${v1.meta?.versionId}`);
    expect((old.body as Patient).gender).toBe('female');
  });

  it('deletes', async () => {
    expect((await s.request('DELETE', 'Patient/p1')).status).toBe(200);
    expect((await s.request('GET', 'Patient/p1')).status).toBe(404);
  });

  it('conditional create twice keeps one resource; several matches give 412', async () => {
    const ifNoneExist = { 'If-None-Exist': `identifier=${SYSTEMS.bookingId}|c1` };
    const first = await s.request('POST', 'Task', task('c1'), ifNoneExist);
    const second = await s.request('POST', 'Task', task('c1'), ifNoneExist);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect((second.body as Task).id).toBe((first.body as Task).id);
    const count = await s.request('GET', `Task?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|c1`)}&_summary=count`);
    expect((count.body as Bundle).total).toBe(1);
    await s.request('POST', 'Task', task('dup'));
    await s.request('POST', 'Task', task('dup'));
    const many = await s.request('POST', 'Task', task('dup'), { 'If-None-Exist': `identifier=${SYSTEMS.bookingId}|dup` });
    expect(many.status).toBe(412);
  });

  it('answers CORS preflights without auth and reflects the Origin', async () => {
    const pre = await fetch(`${s.base}/Task`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'if-none-exist' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(pre.headers.get('access-control-allow-headers')).toContain('If-None-Exist');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const get = await s.request('GET', 'Patient/p1', undefined, { Origin: 'http://app.example' });
    expect(get.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('snapshot returns every current resource', async () => {
    await s.request('POST', 'Task', task('snap'));
    const all = await s.fhir.snapshot();
    expect(all.map((r) => r.resourceType).sort()).toEqual(['Patient', 'Task']);
  });
});
