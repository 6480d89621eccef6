import type { Bundle, CapabilityStatement, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../shared/fhir/codes';
import { defaultCapabilities } from '../../server/fhir-engine/index';
import type { TestFhirServer } from './test-server';
import { startTestFhirServer } from './test-server';

const seed: Resource[] = [
  { resourceType: 'Patient', id: 'p1' },
  { resourceType: 'Organization', id: 'o1' },
  { resourceType: 'Task', id: 't1', status: 'requested', intent: 'order', owner: { reference: 'Organization/o1' } },
];
const task = { resourceType: 'Task', status: 'requested', intent: 'order' };

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer();
});
afterAll(() => s.close());
beforeEach(async () => {
  s.fhir.capabilities = defaultCapabilities();
  await s.fhir.reset(seed);
});

const metadata = async (): Promise<CapabilityStatement> => (await s.request('GET', 'metadata')).body as CapabilityStatement;
const taskEntry = (cs: CapabilityStatement) => cs.rest?.[0]?.resource?.find((r) => r.type === 'Task');

describe('capability toggles', () => {
  it('transactions off: not advertised and refused with 400, nothing written', async () => {
    s.fhir.capabilities.transactions = false;
    expect((await metadata()).rest?.[0]?.interaction?.map((i) => i.code)).toEqual(['batch']);
    const r = await s.request('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: task, request: { method: 'POST', url: 'Task' } }] });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('not-supported');
    expect(((await s.request('GET', 'Task?_summary=count')).body as Bundle).total).toBe(1);
  });

  it('conditional create off: advertised false and If-None-Exist refused', async () => {
    s.fhir.capabilities.conditionalCreate = false;
    expect(taskEntry(await metadata())?.conditionalCreate).toBe(false);
    const r = await s.request('POST', 'Task', task, { 'If-None-Exist': `identifier=${SYSTEMS.bookingId}|x` });
    expect(r.status).toBe(400);
  });

  it('include off: no searchInclude advertised and _include ignored', async () => {
    expect(taskEntry(await metadata())?.searchInclude).toEqual(['*']);
    s.fhir.capabilities.include = false;
    expect(taskEntry(await metadata())?.searchInclude).toEqual([]);
    expect(taskEntry(await metadata())?.searchRevInclude).toEqual([]);
    const r = await s.request('GET', 'Task?_include=Task:owner');
    expect((r.body as Bundle).entry?.map((e) => e.resource?.resourceType)).toEqual(['Task']);
  });

  it('writableTypes: other types lose create/update and answer 405, also inside transactions', async () => {
    s.fhir.capabilities.writableTypes = ['Communication'];
    const codes = taskEntry(await metadata())?.interaction?.map((i) => i.code);
    expect(codes).not.toContain('create');
    expect((await s.request('POST', 'Task', task)).status).toBe(405);
    expect((await s.request('PUT', 'Task/t1', { ...task, id: 't1' })).status).toBe(405);
    const tx = await s.request('POST', '', {
      resourceType: 'Bundle', type: 'transaction',
      entry: [
        { resource: { resourceType: 'Communication', status: 'completed' }, request: { method: 'POST', url: 'Communication' } },
        { resource: task, request: { method: 'POST', url: 'Task' } },
      ],
    });
    expect(tx.status).toBe(405);
    expect(((await s.request('GET', 'Communication?_summary=count')).body as Bundle).total).toBe(0);
    expect((await s.request('POST', 'Communication', { resourceType: 'Communication', status: 'completed' })).status).toBe(201);
  });

  it('subscriptions: Subscription listed and writable only when on', async () => {
    const types = async () => (await metadata()).rest?.[0]?.resource?.map((r) => r.type);
    expect(await types()).not.toContain('Subscription');
    const sub = { resourceType: 'Subscription', status: 'requested', reason: 'watch', criteria: 'Task?owner=Organization/o1', channel: { type: 'rest-hook', endpoint: 'http://localhost/hook' } };
    expect((await s.request('POST', 'Subscription', sub)).status).toBe(405);
    s.fhir.capabilities.subscriptions = true;
    expect(await types()).toContain('Subscription');
    expect((await s.request('POST', 'Subscription', sub)).status).toBe(201);
  });
});
