// The indexed search must return exactly what the engine's full scan returns (same
// entries, order, totals, includes, errors), against the real sandbox seed and after
// every kind of write. `indexedSearch = false` is the engine's own path.
import { normalizeErrorString, parseSearchRequest } from '@medplum/core';
import type { Resource, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../shared/fhir/codes';
import { generateSeed } from '../seed/index';
import { loadR4Definitions } from '../../server/fhir-engine/definitions';
import { SandboxRepository } from '../../server/fhir-engine/repository';
import { setSearchExpressions } from '../../server/fhir-engine/search-expressions';

const booking = (value: string): string => encodeURIComponent(`${SYSTEMS.bookingId}|${value}`);
const chart = (p: string): string[] => [
  `Patient?_id=${p}`,
  `Encounter?patient=${p}&status=in-progress&_include=Encounter:location&_include:iterate=Location:partof`,
  `Coverage?patient=${p}&status=active`,
  `Condition?patient=${p}`,
  `CarePlan?patient=${p}&status=active&_include=CarePlan:goal&_include=CarePlan:care-team&_include:iterate=CareTeam:participant&_include:iterate=PractitionerRole:practitioner`,
  `ServiceRequest?patient=${p}&_count=200`,
  `DeviceRequest?patient=${p}&_count=200`,
  `Task?patient=${p}&_count=200&_revinclude=Provenance:target&_include=Task:owner`,
  `Appointment?patient=${p}&_count=200`,
  `Communication?patient=${p}&_count=200`,
];
const QUERIES = [
  ...chart('pat-001'),
  ...chart('pat-003'),
  ...chart('Patient/pat-004'),
  ...chart('pat-h001'),
  'Encounter?_id=enc-003&_include=Encounter:location&_include:iterate=Location:partof',
  'HealthcareService?active=true&_include=HealthcareService:organization&_count=200',
  `Task?code=${encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`)}&status=requested,accepted,in-progress&_count=100`,
  'Task?patient=pat-003&_lastUpdated=gt2000-01-01&_count=0',
  'Task?status=completed&_sort=-_lastUpdated&_count=7&_offset=3',
  'Task?owner=Organization/vendor-nemt-1&_sort=status&_sort=-_lastUpdated&_count=50',
  'Task?_id=task-b002-1,TASK-B004-1,nope',
  'Patient?_id=PAT-001',
  'Patient?_id=',
  `Task?identifier=${booking('new-1')}`,
  `Task?identifier=${encodeURIComponent(`${SYSTEMS.bookingId.toUpperCase()}|NEW-1`)}`,
  'Task?identifier=new-1,new-2',
  'Task?identifier=%7Cnew-1',
  `Task?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|`)}&_count=5`,
  'Task?identifier=%7C',
  'Task?identifier:not=new-1&_count=3',
  'Task?subject=pat-003',
  'Task?subject=Patient/pat-003&status:not=completed',
  'Task?patient=',
  'Task?patient:missing=true',
  'Coverage?beneficiary=pat-003',
  'Provenance?target=Task/task-b002-1,Task/task-b004-2,Task/new-1&_count=100',
  'Provenance?patient=pat-003',
  'Task?patient.name=Nobody',
];

let repo: SandboxRepository;
beforeAll(async () => {
  loadR4Definitions();
  repo = new SandboxRepository();
  await repo.load(generateSeed({ seed: 42, now: new Date('2026-01-15T12:00:00Z') }));
}, 120_000);

/** JSON of the result (or error), so order and every field count. */
async function run(r: SandboxRepository, query: string, indexed: boolean): Promise<string> {
  r.indexedSearch = indexed;
  try {
    return JSON.stringify(await r.search(parseSearchRequest(query)));
  } catch (err) {
    return `error: ${normalizeErrorString(err)}`;
  } finally {
    r.indexedSearch = true;
  }
}

async function expectSameResults(r: SandboxRepository, queries = QUERIES): Promise<void> {
  for (const query of queries) {
    const engine = await run(r, query, false);
    expect(await run(r, query, true), query).toBe(engine);
  }
}

const task = (id: string, patient: string, value: string): Task => ({
  resourceType: 'Task', id, status: 'requested', intent: 'order', for: { reference: `Patient/${patient}` },
  identifier: [{ system: SYSTEMS.bookingId, value }], owner: { reference: 'Organization/vendor-nemt-1' },
  code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] },
});

describe('indexed search', () => {
  it('returns what the full scan returns on the seed', async () => {
    const sample = await run(repo, 'Task?patient=pat-003&_count=200&_revinclude=Provenance:target', true);
    expect(sample).toContain('"Provenance"');
    await expectSameResults(repo);
  }, 60_000);

  it('stays equal after creates, updates (moving a Task between patients) and deletes', async () => {
    await repo.createResource(task('new-1', 'pat-003', 'new-1'), { assignedId: true });
    await repo.createResource(task('new-2', 'pat-001', 'new-2'));
    const moved = await repo.readResource<Task>('Task', 'task-b002-1');
    await repo.updateResource({ ...moved, for: { reference: 'Patient/pat-003' }, status: 'accepted', identifier: [{ value: 'new-1' }] });
    await repo.deleteResource('Condition', (await repo.searchOne(parseSearchRequest('Condition?patient=pat-003')))?.id ?? '');
    await repo.deleteResource('Provenance', 'prov-b002-1-1');
    await expectSameResults(repo);
    expect(await run(repo, 'Task?identifier=new-1', true)).toContain('task-b002-1');
  }, 60_000);

  it('stays equal after a rolled-back transaction, restored resources keeping the engine order', async () => {
    const before = await run(repo, 'Task?_count=1000', true);
    await expect(repo.withTransaction(async (tx) => {
      const t = await tx.readResource<Task>('Task', 'task-b004-1');
      await tx.updateResource({ ...t, for: { reference: 'Patient/pat-001' }, identifier: [{ value: 'rolled' }] });
      await tx.deleteResource('Task', 'task-b004-2');
      await tx.deleteResource('Task', 'new-1');
      await tx.createResource(task('new-3', 'pat-003', 'rolled'), { assignedId: true });
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await run(repo, 'Task?identifier=rolled', true)).not.toContain('"entry"');
    expect(await run(repo, 'Task?_count=1000', true)).not.toBe(before); // deleted-and-restored ids move to the end
    await expectSameResults(repo);
  }, 60_000);

  it('stays equal after clear and load', async () => {
    const fresh = new SandboxRepository();
    await fresh.load([task('a', 'pat-001', 'x'), task('b', 'pat-003', 'x')]);
    fresh.clear();
    await fresh.load([{ resourceType: 'Patient', id: 'pat-003' }, task('c', 'pat-003', 'new-1')] as Resource[]);
    expect(await run(fresh, 'Task?identifier=x', true)).not.toContain('"entry"');
    await expectSameResults(fresh);
  });
});

describe('per-type search expressions', () => {
  afterAll(() => setSearchExpressions('per-type'));

  it('match exactly what the shared R4 expressions match', async () => {
    // A slice of the seed: the shared expressions cost ~6 ms per resource and query.
    const reference = new Set(['Organization', 'Location', 'Practitioner', 'PractitionerRole', 'HealthcareService']);
    const slice = (await repo.snapshot()).filter((r) => reference.has(r.resourceType) || /pat-00[1-4]"|-b00[1-4]/.test(JSON.stringify(r)));
    const small = new SandboxRepository();
    await small.load(slice);
    const queries = QUERIES.filter((q) => !q.startsWith('Task?patient.name'));
    const perType: string[] = [];
    for (const q of queries) perType.push(await run(small, q, false));
    setSearchExpressions('shared');
    for (const [i, q] of queries.entries()) expect(await run(small, q, false), q).toBe(perType[i]);
  }, 60_000);
});
