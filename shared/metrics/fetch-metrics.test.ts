// fetchMetricsData against a fake FHIR server (real createFhirApi over a fake
// transport): paging to the end, _elements, incremental refresh by _lastUpdated.
import { describe, expect, it } from 'vitest';
import { createFhirApi } from '../fhir/api';
import type { FhirRequest, FhirResponse } from '../fhir/transport';
import { computeAllMetrics } from './compute-all';
import { fetchMetricsData, snapshotInput, type MetricsRange } from './fetch-metrics';
import { fixture, FIXTURE_RANGE } from './fixture';
import { unitDirectory } from './units';

type Res = Record<string, unknown> & { resourceType: string; id: string; meta?: { lastUpdated?: string } };
const BASE = 'https://fhir.test/r4';

/** A tiny searchset server: _id, _lastUpdated=ge, _count/_offset paging, _elements; every other filter is ignored (returns more, never less). */
function fakeServer(resources: Res[]) {
  const db = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const requests: URL[] = [];
  const transport = async (req: FhirRequest): Promise<FhirResponse> => {
    const url = new URL(req.url, `${BASE}/`);
    requests.push(url);
    const type = url.pathname.split('/').pop() ?? '';
    const q = url.searchParams;
    const ids = q.get('_id')?.split(',');
    const since = q.get('_lastUpdated')?.replace(/^ge/, '');
    const elements = q.get('_elements')?.split(',');
    const matches = [...db.values()].filter((r) => r.resourceType === type && (!ids || ids.includes(r.id))
      && (!since || Date.parse(r.meta?.lastUpdated ?? '') >= Date.parse(since)));
    const count = Number(q.get('_count') ?? 20);
    const offset = Number(q.get('_offset') ?? 0);
    const page = matches.slice(offset, offset + count).map((r) => (elements
      ? Object.fromEntries(Object.entries(r).filter(([k]) => k === 'resourceType' || k === 'id' || elements.includes(k)))
      : r));
    const next = new URL(url);
    next.searchParams.set('_offset', String(offset + count));
    const link = offset + count < matches.length ? [{ relation: 'next', url: next.toString() }] : [];
    return { status: 200, headers: new Headers(), body: { resourceType: 'Bundle', type: 'searchset', link, entry: page.map((resource) => ({ resource, search: { mode: 'match' } })) } };
  };
  return { db, requests, api: createFhirApi(transport) };
}

const stamp = (r: unknown, lastUpdated: string): Res => ({ ...(r as Res), meta: { lastUpdated } });
const all = (): Res[] => [
  ...fixture.serviceRequests, ...fixture.deviceRequests, ...fixture.tasks, ...fixture.provenances,
  ...fixture.appointments, ...fixture.communications, ...fixture.organizations,
].filter((r): r is Res => typeof r === 'object' && r !== null && 'id' in r)
  .map((r, i) => stamp(r, new Date(Date.parse('2025-03-20T00:00:00Z') - i * 1000).toISOString()));
const range: MetricsRange = { from: FIXTURE_RANGE.from, to: FIXTURE_RANGE.to };

describe('fetchMetricsData', () => {
  it('follows every next link and gives computeAllMetrics what fetching everything at once gives', async () => {
    const server = fakeServer(all());
    const snapshot = await fetchMetricsData(server.api, range, undefined, { pageSize: 2 });
    const direct = computeAllMetrics(snapshotInput({ ...snapshot, resources: new Map([...server.db]) }), range);
    const fetched = computeAllMetrics(snapshotInput(snapshot), range);
    expect(fetched.overall).toEqual(direct.overall);
    expect(fetched.bookings).toBeGreaterThan(5);
    expect(snapshot.stats.full).toBe(true);
    expect(snapshot.stats.pages).toBeGreaterThan(10);
    expect(snapshot.cursor).toBe('2025-03-20T00:00:00.000Z');
  });

  it('reports progress after every page, ending at what it received', async () => {
    const server = fakeServer(all());
    const seen: number[] = [];
    const snapshot = await fetchMetricsData(server.api, range, undefined, { pageSize: 5, onProgress: (n) => seen.push(n) });
    expect(seen).toHaveLength(snapshot.stats.pages);
    expect(seen.every((n, i) => i === 0 || n >= (seen[i - 1] ?? 0))).toBe(true);
    expect(seen.at(-1)).toBe(snapshot.stats.received);
  });

  it('asks for only the fields the metrics read', async () => {
    const server = fakeServer([stamp({ resourceType: 'Task', id: 'x', status: 'requested', note: [{ text: 'long free text' }] }, '2025-03-20T00:00:00Z')]);
    const snapshot = await fetchMetricsData(server.api, range);
    expect(server.requests.find((u) => u.pathname.endsWith('/Task'))?.searchParams.get('_elements')).toContain('businessStatus');
    expect(snapshot.resources.get('Task/x')).not.toHaveProperty('note');
    const whole = await fetchMetricsData(fakeServer([stamp({ resourceType: 'Task', id: 'x', status: 'requested', note: [] }, '2025-03-20T00:00:00Z')]).api, range, undefined, { elements: false });
    expect(whole.resources.get('Task/x')).toHaveProperty('note');
  });

  it('a refresh asks only for changes since the cursor and replaces them by id', async () => {
    const server = fakeServer(all());
    const first = await fetchMetricsData(server.api, range);
    const t3 = server.db.get('Task/T3a');
    if (!t3) throw new Error('fixture changed');
    server.db.set('Task/T3a', { ...t3, status: 'completed', businessStatus: undefined, meta: { lastUpdated: '2025-03-21T10:00:00Z' } });
    server.requests.length = 0;
    const second = await fetchMetricsData(server.api, range, first);
    // The changed Task, plus the one written in the cursor's own millisecond (ge, so a same-ms write is not lost).
    expect(second.stats).toMatchObject({ full: false, received: 2, changed: 1 });
    expect(server.requests.every((u) => u.searchParams.get('_lastUpdated') === 'ge2025-03-20T00:00:00.000Z' || u.searchParams.has('_id'))).toBe(true);
    expect(second.resources.size).toBe(first.resources.size);
    expect(second.resources.get('Task/T3a')).toMatchObject({ status: 'completed' });
    expect(second.cursor).toBe('2025-03-21T10:00:00.000Z');
    const before = computeAllMetrics(snapshotInput(first), range).overall.completionRate.count;
    expect(computeAllMetrics(snapshotInput(second), range).overall.completionRate.count).toBe(before + 1);
  });

  it('a refresh that finds no change keeps the same store object', async () => {
    const server = fakeServer(all());
    const first = await fetchMetricsData(server.api, range);
    // The newest resource comes back (ge the cursor) but is the version already held: not a change.
    const quiet = await fetchMetricsData(server.api, range, first);
    expect(quiet.stats).toMatchObject({ full: false, received: 1, changed: 0 });
    expect(quiet.resources).toBe(first.resources);
    expect(quiet.cursor).toBe(first.cursor);
    // Nothing at all at or after the cursor: the same.
    const empty = await fetchMetricsData(server.api, range, { ...first, cursor: '2025-04-01T00:00:00.000Z' });
    expect(empty.stats).toMatchObject({ received: 0, changed: 0 });
    expect(empty.resources).toBe(first.resources);
  });

  it('a different range starts over', async () => {
    const server = fakeServer(all());
    const first = await fetchMetricsData(server.api, range);
    const other = await fetchMetricsData(server.api, { ...range, from: '2025-03-01T00:00:00Z' }, first);
    expect(other.stats.full).toBe(true);
    expect(server.requests.filter((u) => u.searchParams.has('_lastUpdated'))).toHaveLength(0);
  });

  it('fetches the encounters behind the bookings and their wards, for the unit filter', async () => {
    const server = fakeServer([
      ...all(),
      { resourceType: 'Encounter', id: 'e1', location: [{ location: { reference: 'Location/bed-1' } }] },
      { resourceType: 'Encounter', id: 'e2', location: [{ location: { reference: 'Location/ward-5e' } }] },
      { resourceType: 'Location', id: 'bed-1', physicalType: { coding: [{ code: 'bd' }] }, partOf: { reference: 'Location/ward-4w' } },
      { resourceType: 'Location', id: 'ward-4w', name: '4 West', physicalType: { coding: [{ code: 'wa' }] } },
      { resourceType: 'Location', id: 'ward-5e', name: '5 East', physicalType: { coding: [{ code: 'wa' }] } },
    ]);
    const snapshot = await fetchMetricsData(server.api, range);
    const dir = unitDirectory(snapshot.resources.values());
    expect(dir.unitOf('Encounter/e1')).toBe('Location/ward-4w');
    expect(dir.units).toEqual([{ ref: 'Location/ward-4w', name: '4 West' }, { ref: 'Location/ward-5e', name: '5 East' }]);
    const report = computeAllMetrics(snapshotInput(snapshot), { ...range, filters: { unit: 'Location/ward-4w' }, unitOf: dir.unitOf });
    expect(report.bookings).toBe(1);
  });
});
