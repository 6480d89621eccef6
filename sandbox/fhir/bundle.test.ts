import type { Bundle, OperationOutcome, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../shared/fhir/codes';
import type { TestFhirServer } from './test-server';
import { startTestFhirServer } from './test-server';

const SR_URN = 'urn:uuid:6f1c1c7e-8a55-4a59-9a0e-2b1b9d4f0a11';
const seed: Resource[] = [{ resourceType: 'Patient', id: 'p1', gender: 'female' }];

function booking(bookingId: string, taskOverrides: Partial<Task> = {}): Bundle {
  const ifNoneExist = `identifier=${SYSTEMS.bookingId}|${bookingId}`;
  const sr: ServiceRequest = {
    resourceType: 'ServiceRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
    identifier: [{ system: SYSTEMS.bookingId, value: bookingId }],
  };
  const task: Task = {
    resourceType: 'Task', status: 'requested', intent: 'order', focus: { reference: SR_URN },
    identifier: [{ system: SYSTEMS.bookingId, value: `${bookingId}-task` }], ...taskOverrides,
  };
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      { fullUrl: SR_URN, resource: sr, request: { method: 'POST', url: 'ServiceRequest', ifNoneExist } },
      { resource: task, request: { method: 'POST', url: 'Task', ifNoneExist: `identifier=${SYSTEMS.bookingId}|${bookingId}-task` } },
    ],
  };
}

const total = async (s: TestFhirServer, type: string): Promise<number | undefined> =>
  ((await s.request('GET', `${type}?_summary=count`)).body as Bundle).total;

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer();
});
afterAll(() => s.close());
beforeEach(() => s.fhir.reset(seed));

describe('transactions and batches', () => {
  it('commits a transaction and resolves urn:uuid references between entries', async () => {
    const r = await s.request('POST', '', booking('bk1'));
    expect(r.status).toBe(200);
    const b = r.body as Bundle;
    expect(b.type).toBe('transaction-response');
    expect(b.entry?.map((e) => e.response?.status)).toEqual(['201', '201']);
    expect(b.entry?.[0]?.response?.location).toMatch(/^ServiceRequest\/[^/]+\/_history\/.+/);
    expect(b.entry?.[0]?.response?.etag).toMatch(/^W\/"/);
    const srId = b.entry?.[0]?.resource?.id;
    const task = b.entry?.[1]?.resource as Task;
    expect(task.focus?.reference).toBe(`ServiceRequest/${srId}`);
  });

  it('replaying the same transaction (conditional creates) creates nothing new', async () => {
    const first = (await s.request('POST', '', booking('bk2'))).body as Bundle;
    const again = await s.request('POST', '', booking('bk2'));
    expect(again.status).toBe(200);
    const b = again.body as Bundle;
    expect(b.entry?.map((e) => e.response?.status)).toEqual(['200', '200']);
    expect(b.entry?.[0]?.resource?.id).toBe(first.entry?.[0]?.resource?.id);
    expect((b.entry?.[1]?.resource as Task).focus?.reference).toBe(`ServiceRequest/${first.entry?.[0]?.resource?.id}`);
    expect(await total(s, 'ServiceRequest')).toBe(1);
    expect(await total(s, 'Task')).toBe(1);
  });

  it('a transaction failing mid-way keeps nothing, including earlier creates and updates', async () => {
    // The engine runs creates before updates, so the invalid entry is the last update.
    const bundle = booking('bk3');
    bundle.entry?.push(
      { resource: { resourceType: 'Patient', id: 'p1', gender: 'male' }, request: { method: 'PUT', url: 'Patient/p1' } },
      { resource: { resourceType: 'Patient', id: 'p9', hairColour: 'red' } as Resource, request: { method: 'PUT', url: 'Patient/p9' } },
    );
    const r = await s.request('POST', '', bundle);
    expect(r.status).toBe(400);
    const outcome = r.body as OperationOutcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue?.[0]?.expression).toEqual(['Patient.hairColour']);
    expect(await total(s, 'ServiceRequest')).toBe(0);
    expect(await total(s, 'Task')).toBe(0);
    expect(await total(s, 'Patient')).toBe(1);
    const p1 = await s.request('GET', 'Patient/p1');
    expect((p1.body as { gender?: string }).gender).toBe('female');
    const history = (await s.request('GET', 'Patient/p1/_history')).body as Bundle;
    expect(history.entry).toHaveLength(1);
  });

  it('a transaction with an invalid create keeps nothing', async () => {
    const r = await s.request('POST', '', booking('bk5', { intent: undefined as unknown as Task['intent'] }));
    expect(r.status).toBe(400);
    expect(((r.body as OperationOutcome).issue?.[0]?.expression)).toEqual(['Task.intent']);
    expect(await total(s, 'ServiceRequest')).toBe(0);
  });

  it('a transaction whose update has a stale If-Match rolls back with 412', async () => {
    const bundle = booking('bk4');
    bundle.entry?.push({
      resource: { resourceType: 'Patient', id: 'p1', gender: 'male' },
      request: { method: 'PUT', url: 'Patient/p1', ifMatch: 'W/"not-the-version"' },
    });
    const r = await s.request('POST', '', bundle);
    expect(r.status).toBe(412);
    expect(await total(s, 'ServiceRequest')).toBe(0);
  });

  it('a batch processes entries independently', async () => {
    const r = await s.request('POST', '', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: 'Patient/p1' } },
        { request: { method: 'GET', url: 'Patient/missing' } },
        { resource: { resourceType: 'Task', status: 'requested' }, request: { method: 'POST', url: 'Task' } },
        { resource: { resourceType: 'Task', status: 'requested', intent: 'order' }, request: { method: 'POST', url: 'Task' } },
      ],
    });
    expect(r.status).toBe(200);
    const b = r.body as Bundle;
    expect(b.type).toBe('batch-response');
    expect(b.entry?.map((e) => e.response?.status)).toEqual(['200', '404', '400', '201']);
    expect(await total(s, 'Task')).toBe(1);
  });
});
