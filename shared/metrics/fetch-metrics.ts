// Fetches what computeAllMetrics needs for a date range, through the FhirApi
// handed in (no platform code here). Pages are followed to the end; `_elements`
// trims each resource to the fields the metrics read (a server that ignores it
// just sends whole resources); a refresh asks only for what changed since the
// last fetch and merges it by id.
import { CareRelayError } from '../errors/errors';
import type { FhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import type { TBundle } from '../fhir/schemas';
import { inputFromResources, type MetricsInput } from './parse-input';

const DAY_MS = 86_400_000;
/** Discharge orders are written before the bookings they start the clock for (hours, rarely days). */
const ORDER_LOOKBACK_MS = 7 * DAY_MS;
const DEFAULT_PAGE_SIZE = 500;
/** A server whose next links never end would otherwise keep the dashboard loading forever. */
const MAX_PAGES = 500;
/** `_id=a,b,...` lists are kept short enough for a GET URL. */
const ID_CHUNK = 60;

/** Only the fields schemas.ts reads (and meta, for the refresh cursor). */
export const METRICS_ELEMENTS: Record<string, string> = {
  ServiceRequest: 'identifier,status,category,code,subject,encounter,authoredOn,meta',
  DeviceRequest: 'identifier,status,codeCodeableConcept,subject,encounter,authoredOn,meta',
  Task: 'identifier,status,businessStatus,code,focus,for,encounter,authoredOn,owner,output,meta',
  Provenance: 'target,recorded,activity,meta',
  Appointment: 'status,start,basedOn,participant,meta',
  Communication: 'status,sender,recipient,subject,basedOn,about,sent,meta',
  Organization: 'name,type,meta',
  Encounter: 'location,meta',
  Location: 'name,partOf,physicalType,meta',
};

export interface MetricsRange {
  /** ISO instants, [from, to) over when bookings were requested. */
  from: string;
  to: string;
}

export interface MetricsSnapshot {
  range: MetricsRange;
  /** Every fetched resource by "Type/id"; a refresh replaces changed ones in place. */
  resources: ReadonlyMap<string, unknown>;
  /** Latest meta.lastUpdated seen; the next refresh asks for changes from there. */
  cursor?: string;
  /** received: resources in the answers; changed: of those, new or with another version than held (a refresh re-reads the cursor's own millisecond). */
  stats: { full: boolean; pages: number; received: number; changed: number };
}

export interface FetchMetricsOptions {
  /** Send `_elements` (default true); off for a server that refuses it. */
  elements?: boolean;
  pageSize?: number;
  /** Called after every page with the resources received so far (for "Loaded N records…"). */
  onProgress?: (received: number) => void;
}

export class MetricsFetchError extends CareRelayError {
  constructor(readonly query: string, message: string) {
    super(`Metrics: ${message} (${query})`);
  }
}

interface Query { type: string; params: Record<string, string | string[]> }

/**
 * Requests are bounded by the range; what happens to them afterwards (attempts,
 * milestones, appointments, messages) is asked for from `from` onward with no
 * upper bound, since a booking made on the last day is confirmed after it.
 */
export function metricsQueries(range: MetricsRange): Query[] {
  const from = new Date(range.from).toISOString();
  const to = new Date(range.to).toISOString();
  const ordersFrom = new Date(Date.parse(range.from) - ORDER_LOOKBACK_MS).toISOString();
  return [
    { type: 'ServiceRequest', params: { authored: [`ge${ordersFrom}`, `lt${to}`] } },
    { type: 'DeviceRequest', params: { 'authored-on': [`ge${from}`, `lt${to}`] } },
    { type: 'Task', params: { code: `${SYSTEMS.taskCode}|fulfill`, 'authored-on': `ge${from}` } },
    { type: 'Provenance', params: { recorded: `ge${from}` } },
    { type: 'Appointment', params: { date: `ge${from}` } },
    { type: 'Communication', params: { sent: `ge${from}` } },
    { type: 'Organization', params: {} },
  ];
}

interface Round { resources: Map<string, unknown>; pages: number; received: number; cursorMs: number; onProgress?: (received: number) => void }

function keyOf(resource: { resourceType: string; id?: string }): string | undefined {
  return resource.id ? `${resource.resourceType}/${resource.id}` : undefined;
}

function take(bundle: TBundle, round: Round): void {
  round.pages += 1;
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource;
    // _include'd or OperationOutcome entries are not ours to keep.
    if (!r || (entry.search?.mode !== undefined && entry.search.mode !== 'match')) continue;
    const key = keyOf(r);
    if (!key) continue;
    round.resources.set(key, r);
    round.received += 1;
    const at = Date.parse(r.meta?.lastUpdated ?? '');
    if (at > round.cursorMs) round.cursorMs = at;
  }
  round.onProgress?.(round.received);
}

async function searchAll(api: FhirApi, q: Query, round: Round): Promise<void> {
  const describe = `${q.type} search`;
  let bundle: TBundle | undefined = await api.search(q.type, q.params);
  for (let page = 1; bundle; page += 1) {
    if (page > MAX_PAGES) throw new MetricsFetchError(describe, `more than ${MAX_PAGES} pages`);
    take(bundle, round);
    bundle = await api.next(bundle);
  }
}

type ResolvedFetchOptions = Required<Omit<FetchMetricsOptions, 'onProgress'>>;

function withResultParams(q: Query, opts: ResolvedFetchOptions, since?: string): Query {
  const params: Query['params'] = { ...q.params, _count: String(opts.pageSize) };
  const elements = METRICS_ELEMENTS[q.type];
  if (opts.elements && elements) params._elements = elements;
  // ge, not gt: two writes in the same millisecond as the cursor must not be lost; refetching one is harmless.
  if (since) params._lastUpdated = `ge${since}`;
  return { type: q.type, params };
}

/** Encounters (for the unit filter) and the Locations they point at, by id, only those not held yet. */
async function fetchReferenced(api: FhirApi, round: Round, opts: ResolvedFetchOptions): Promise<void> {
  const have = round.resources;
  await fetchByIds(api, 'Encounter', missing(have, 'Encounter', [...have.values()].map((r) => refField(r, 'encounter'))), round, opts);
  await fetchByIds(api, 'Location', missing(have, 'Location', [...have.values()].flatMap(locationRefs)), round, opts);
  // A bed's unit is its parent; one more step up is enough for bed → ward.
  await fetchByIds(api, 'Location', missing(have, 'Location', [...have.values()].map((r) => refField(r, 'partOf'))), round, opts);
}

async function fetchByIds(api: FhirApi, type: string, ids: string[], round: Round, opts: ResolvedFetchOptions): Promise<void> {
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    await searchAll(api, withResultParams({ type, params: { _id: ids.slice(i, i + ID_CHUNK).join(',') } }, opts), round);
  }
}

function missing(have: Map<string, unknown>, type: string, refs: (string | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const ref of refs) {
    if (!ref?.startsWith(`${type}/`)) continue;
    const id = ref.slice(type.length + 1);
    if (id && !id.includes('/') && !have.has(ref)) ids.add(id);
  }
  return [...ids];
}

function refField(resource: unknown, field: string): string | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const value = (resource as Record<string, unknown>)[field];
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as { reference?: unknown }).reference;
  return typeof ref === 'string' ? ref : undefined;
}

function locationRefs(resource: unknown): string[] {
  if (typeof resource !== 'object' || resource === null) return [];
  const list = (resource as { resourceType?: unknown; location?: unknown }).location;
  if ((resource as { resourceType?: unknown }).resourceType !== 'Encounter' || !Array.isArray(list)) return [];
  return list.map((l) => refField(l, 'location')).filter((r): r is string => r !== undefined);
}

/**
 * The resources for `range`. With `previous` for the same range, only what
 * changed since its cursor is fetched and merged by id; otherwise everything.
 * Deletions are not seen by a refresh (FHIR search does not return them): a
 * full fetch (no `previous`) starts clean.
 */
export async function fetchMetricsData(
  api: FhirApi, range: MetricsRange, previous?: MetricsSnapshot, options: FetchMetricsOptions = {},
): Promise<MetricsSnapshot> {
  const opts = { elements: options.elements ?? true, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE };
  const sameRange = previous && previous.range.from === range.from && previous.range.to === range.to;
  const since = sameRange ? previous.cursor : undefined;
  const full = since === undefined;
  const round: Round = { resources: new Map(), pages: 0, received: 0, cursorMs: full ? -Infinity : Date.parse(since), onProgress: options.onProgress };
  for (const q of metricsQueries(range)) await searchAll(api, withResultParams(q, opts, since), round);
  const changed = full ? round.resources.size : [...round.resources].filter(([key, r]) => !sameVersion(previous?.resources.get(key), r)).length;
  // Nothing changed: the same store (same object), so a caller keyed on it recomputes nothing.
  if (!full && previous && changed === 0) {
    const cursor = Number.isFinite(round.cursorMs) ? new Date(round.cursorMs).toISOString() : since;
    return { range, resources: previous.resources, cursor, stats: { full, pages: round.pages, received: round.received, changed: 0 } };
  }
  const resources = new Map<string, unknown>(full ? [] : previous?.resources ?? []);
  for (const [k, v] of round.resources) resources.set(k, v);
  // From here on the round writes into the merged store, so only unknown references are fetched.
  round.resources = resources;
  await fetchReferenced(api, round, opts);
  const cursor = Number.isFinite(round.cursorMs) ? new Date(round.cursorMs).toISOString() : since;
  return { range, resources, cursor, stats: { full, pages: round.pages, received: round.received, changed } };
}

/** Same resource, same version: meta.versionId where both have one, else meta.lastUpdated. */
function sameVersion(held: unknown, fetched: unknown): boolean {
  const meta = (r: unknown) => (typeof r === 'object' && r !== null ? (r as { meta?: { versionId?: unknown; lastUpdated?: unknown } }).meta : undefined);
  const a = meta(held);
  const b = meta(fetched);
  if (!a || !b) return false;
  if (a.versionId !== undefined && b.versionId !== undefined) return a.versionId === b.versionId;
  return a.lastUpdated !== undefined && a.lastUpdated === b.lastUpdated;
}

/** The snapshot as computeAllMetrics takes it (Encounters and Locations are not part of it). */
export function snapshotInput(snapshot: MetricsSnapshot): MetricsInput {
  return inputFromResources([...snapshot.resources.values()]);
}
