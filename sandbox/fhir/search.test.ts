import type { Bundle, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../shared/fhir/codes';
import type { TestFhirServer } from './test-server';
import { startTestFhirServer } from './test-server';

const seed: Resource[] = [
  { resourceType: 'Patient', id: 'p1' },
  { resourceType: 'Patient', id: 'p2' },
  { resourceType: 'Organization', id: 'vendor1', name: 'Vans R Us' },
  {
    resourceType: 'ServiceRequest', id: 'sr1', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
    code: { coding: [{ system: SYSTEMS.hcpcs, code: 'A0130' }] },
  },
  ...Array.from({ length: 25 }, (_, i): Task => ({
    resourceType: 'Task',
    id: `t${String(i).padStart(2, '0')}`,
    identifier: [{ system: SYSTEMS.bookingId, value: `b${i}` }],
    status: i % 2 ? 'completed' : 'requested',
    intent: 'order',
    for: { reference: i < 20 ? 'Patient/p1' : 'Patient/p2' },
    focus: { reference: 'ServiceRequest/sr1' },
    owner: { reference: 'Organization/vendor1' },
    code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] },
    meta: { lastUpdated: new Date(Date.UTC(2025, 0, 1 + i)).toISOString() },
  })),
  { resourceType: 'Provenance', id: 'prov1', target: [{ reference: 'Task/t00' }], recorded: '2025-01-01T00:00:00Z', agent: [{ who: { reference: 'Organization/vendor1' } }] },
];

const ids = (b: unknown): string[] => ((b as Bundle).entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`);
const link = (b: unknown, rel: string): string | undefined => (b as Bundle).link?.find((l) => l.relation === rel)?.url;

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer();
});
afterAll(() => s.close());
beforeEach(() => s.fhir.reset(seed));

describe('search', () => {
  it('filters by the parameters CareRelay uses', async () => {
    const q = async (query: string): Promise<number> => ((await s.request('GET', `Task?${query}&_count=100`)).body as Bundle).entry?.length ?? 0;
    expect(await q('patient=Patient/p2')).toBe(5);
    expect(await q('subject=Patient/p2')).toBe(5);
    expect(await q('status=completed')).toBe(12);
    expect(await q(`code=${encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`)}`)).toBe(25);
    expect(await q(`identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|b3`)}`)).toBe(1);
    expect(await q('owner=Organization/vendor1&focus=ServiceRequest/sr1')).toBe(25);
    expect(await q('_lastUpdated=ge2025-01-21')).toBe(5);
    const sr = await s.request('GET', 'ServiceRequest?patient=Patient/p1&status=active');
    expect(ids(sr.body)).toEqual(['ServiceRequest/sr1']);
  });

  it('pages with absolute next/previous links that work', async () => {
    const first = await s.request('GET', 'Task?_count=10&_sort=_lastUpdated');
    expect((first.body as Bundle).total).toBe(25);
    expect(ids(first.body)[0]).toBe('Task/t00');
    const next = link(first.body, 'next');
    expect(next?.startsWith(s.base)).toBe(true);
    expect(link(first.body, 'previous')).toBeUndefined();
    const second = await s.request('GET', next ?? '');
    expect(ids(second.body)[0]).toBe('Task/t10');
    const third = await s.request('GET', link(second.body, 'next') ?? '');
    expect(ids(third.body)).toHaveLength(5);
    expect(link(third.body, 'next')).toBeUndefined();
    const back = await s.request('GET', link(third.body, 'previous') ?? '');
    expect(ids(back.body)[0]).toBe('Task/t10');
  });

  it('sorts descending by _lastUpdated', async () => {
    const r = await s.request('GET', 'Task?_sort=-_lastUpdated&_count=2');
    expect(ids(r.body)).toEqual(['Task/t24', 'Task/t23']);
  });

  it('includes referenced and referencing resources', async () => {
    const r = await s.request('GET', 'Task?_id=t00&_include=Task:focus&_include=Task:owner&_revinclude=Provenance:target');
    const b = r.body as Bundle;
    expect(ids(b).sort()).toEqual(['Organization/vendor1', 'Provenance/prov1', 'ServiceRequest/sr1', 'Task/t00']);
    expect(b.entry?.find((e) => e.resource?.resourceType === 'ServiceRequest')?.search?.mode).toBe('include');
    expect(b.entry?.every((e) => e.fullUrl?.startsWith(s.base))).toBe(true);
  });

  it('supports _summary=count and _elements', async () => {
    const count = (await s.request('GET', 'Task?status=requested&_summary=count')).body as Bundle;
    expect(count.total).toBe(13);
    expect(count.entry).toBeUndefined();
    const slim = (await s.request('GET', 'Task?_id=t01&_elements=status')).body as Bundle<Task>;
    const t = slim.entry?.[0]?.resource;
    expect(t?.status).toBe('completed');
    expect(t?.owner).toBeUndefined();
    expect(t?.meta?.tag?.map((x) => x.code)).toContain('SUBSETTED');
  });

  it('searches by POST _search with a form body', async () => {
    const res = await fetch(`${s.base}/Task/_search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'patient=Patient%2Fp2&_count=3',
    });
    const b = (await res.json()) as Bundle;
    expect(res.status).toBe(200);
    expect(b.total).toBe(5);
    expect(b.entry).toHaveLength(3);
  });

  it('rejects unknown search parameters instead of matching everything', async () => {
    const r = await s.request('GET', 'Task?patinet=Patient/p1');
    expect(r.status).toBe(400);
    expect((r.body as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('finds what it was given: ServiceRequest fields round-trip', async () => {
    const r = await s.request('GET', 'ServiceRequest/sr1');
    expect((r.body as ServiceRequest).code?.coding?.[0]?.code).toBe('A0130');
  });
});
