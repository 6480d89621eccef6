// The vendor ranking against the real sandbox FHIR server holding the sandbox's own seed,
// capped like a production server: pages of at most 50 and at most 200 included results.
// The old single search is refused there; the paged, per-vendor reads give the same stats
// as the whole seed computed in memory.
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCapabilities } from '../../server/fhir-engine/index';
import { startTestFhirServer, type TestFhirServer } from '../../sandbox/fhir/test-server';
import { generateSeed } from '../../sandbox/seed/index';
import { createFhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import type { TProvenance, TTask } from '../fhir/schemas';
import { createFetchTransport } from '../fhir/transport';
import { fetchVendorHistory } from './vendor-history';
import { vendorStats } from './vendor-stats';

const seed = generateSeed({ seed: 42, now: new Date() });
const owners = [...new Set(seed.flatMap((r) => (r.resourceType === 'HealthcareService' && r.providedBy?.reference ? [r.providedBy.reference] : [])))];
let s: TestFhirServer;
const sent: string[] = [];

beforeAll(async () => {
  s = await startTestFhirServer(null);
  await s.fhir.reset(seed);
  s.fhir.capabilities = { ...defaultCapabilities(), maxCount: 50, maxIncluded: 200 };
}, 60_000);
afterAll(() => s.close());

function api() {
  const transport = createFetchTransport({ baseUrl: s.base, fetch: (url: string | URL | Request, init?: RequestInit) => {
    sent.push(String(url));
    return fetch(url, init);
  } });
  return createFhirApi(transport);
}

describe('vendor ranking history on a server that caps _count and _revinclude', () => {
  it('the capped server refuses the old single search (the cap is live)', async () => {
    expect(owners.length).toBeGreaterThanOrEqual(10);
    const since = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const r = await s.request('GET', `Task?code=${encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`)}&owner=${owners.join(',')}&_lastUpdated=ge${since}&_count=500&_revinclude=Provenance:target`);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('query scope limit');
    const page = await s.request('GET', `Task?owner=${owners.join(',')}&_count=500`);
    expect((page.body as { entry?: unknown[] }).entry).toHaveLength(50);
  });

  it('reads every page and gives the same stats as the whole seed', async () => {
    sent.length = 0;
    const history = await fetchVendorHistory(api(), owners, new Date(Date.now() - 90 * 86_400_000));
    const seedTasks = seed.filter((r): r is Resource & TTask => r.resourceType === 'Task'
      && r.code?.coding?.some((c) => c.code === 'fulfill') === true && owners.includes(r.owner?.reference ?? ''));
    const seedProvenance = seed.filter((r) => r.resourceType === 'Provenance') as unknown as TProvenance[];
    expect(history.tasks).toHaveLength(seedTasks.length);
    expect(seedTasks.length).toBeGreaterThan(50);
    const expected = vendorStats(seedTasks, seedProvenance);
    expect(vendorStats(history.tasks, history.provenance)).toEqual(expected);
    expect([...expected.values()].some((v) => v.timed > 0)).toBe(true);
    expect(sent.some((u) => u.includes('_offset=50'))).toBe(true);
    expect(sent.every((u) => !u.includes('_revinclude') && !/_count=([2-9]\d\d|\d{4})/.test(u))).toBe(true);
  }, 60_000);
});
