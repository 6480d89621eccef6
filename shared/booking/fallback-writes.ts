// Writing on servers without transactions or conditional create. The
// CapabilityStatement is read once per session (per api); every CareRelay write goes
// through sendWrites: where the server has what the bundle needs it is sent unchanged
// as ONE transaction; otherwise its entries are written one by one, each conditional
// create replaced by "search by our identifier, then create only if absent" (or a PUT
// at our own id where the server allows update-as-create, which a resend cannot
// duplicate), each update keeping its If-Match version.
//
// What is NOT atomic without a transaction (each caller says how it copes):
// - a failure midway leaves the entries before it written and the rest not. Callers
//   order the steps so what is left is safe and a retry finishes it (booking: places,
//   request, Task, Provenance; cancel: Task, request, Provenance, and a retry that finds
//   the Task already cancelled by the same action finishes the rest; reschedule: request,
//   Task, Provenance, and a retry recognises its own earlier writes; re-dispatch: the
//   request's performer (the If-Match claim) first, then the next Task, then closing the
//   unanswered one);
// - two writers at the same instant: an If-Match update still lets only one through,
//   but "search, then create" can make two copies where the server has neither
//   conditional create nor update-as-create. The booking slot (duplicate-guard.ts) holds
//   the same way: with conditional create the server keeps one booking per slot; step by
//   step, a writer that comes after the first one's order is written finds it and is
//   told, but two searches in the same instant can both miss and both book;
// - a 412 on a later entry does not undo the earlier ones.
import { z } from 'zod';
import { CareRelayError } from '../errors/errors';
import { SYSTEMS } from '../fhir/codes';
import { parseWith, type FhirApi } from '../fhir/api';
import { RESOURCE_SCHEMAS, type ResourceTypeName, type TBundle } from '../fhir/schemas';
import type { TransactionBundle } from './write-plan';

export interface ServerFeatures {
  transactions: boolean;
  conditionalCreate: boolean;
  /** Types the server lets a client create by PUT at a client-chosen id (update-as-create). */
  updateCreate?: string[];
}

const Capability = z.looseObject({
  resourceType: z.literal('CapabilityStatement'),
  rest: z.array(z.looseObject({
    interaction: z.array(z.looseObject({ code: z.string() })).optional(),
    resource: z.array(z.looseObject({ type: z.string(), conditionalCreate: z.boolean().optional(), updateCreate: z.boolean().optional() })).optional(),
  })).optional(),
});

const WRITTEN = ['ServiceRequest', 'DeviceRequest', 'Task', 'Location'];
/** Types the app's scopes let it update (Location is create-only for the app). */
const PUT_CREATABLE = new Set(['ServiceRequest', 'DeviceRequest', 'Task']);
const cache = new WeakMap<FhirApi, Promise<ServerFeatures>>();

/** What the server says it supports; read once per api (session). Unreadable → assume the standard path. */
export function serverFeatures(api: FhirApi): Promise<ServerFeatures> {
  let p = cache.get(api);
  if (!p) {
    p = api.raw({ method: 'GET', url: 'metadata' }).then((res) => featuresFrom(parseWith(Capability, 'metadata', res.body)));
    // A failed read is not remembered: the next write asks again.
    p.catch(() => cache.delete(api));
    cache.set(api, p);
  }
  return p.catch((error: unknown) => {
    if (error instanceof CareRelayError) return { transactions: true, conditionalCreate: true };
    throw error;
  });
}

export function featuresFrom(cs: z.infer<typeof Capability>): ServerFeatures {
  const rest = cs.rest?.[0];
  const resources = rest?.resource ?? [];
  return {
    transactions: (rest?.interaction ?? []).some((i) => i.code === 'transaction'),
    conditionalCreate: WRITTEN.every((t) => resources.find((r) => r.type === t)?.conditionalCreate !== false) && resources.some((r) => r.conditionalCreate === true),
    updateCreate: resources.filter((r) => r.updateCreate === true && PUT_CREATABLE.has(r.type)).map((r) => r.type),
  };
}

/** The sentence the UI shows when CareRelay has to fall back; undefined on a fully capable server. */
export function fallbackNotice(f: ServerFeatures, what = 'the booking'): string | undefined {
  const missing = [!f.transactions && 'transactions', !f.conditionalCreate && 'conditional create'].filter(Boolean);
  return missing.length ? `This EHR does not support ${missing.join(' or ')}: CareRelay checks for duplicates before each write and writes ${what} step by step.` : undefined;
}

/** Entry shapes CareRelay's write bundles use; the step-by-step path accepts nothing else. */
const WriteEntry = z.looseObject({
  /** urn:uuid:… for resources made in this bundle, Type/id for updates; some bundles name none. */
  fullUrl: z.string().optional(),
  resource: z.looseObject({ resourceType: z.string() }),
  request: z.looseObject({
    method: z.enum(['POST', 'PUT']),
    url: z.string(),
    ifNoneExist: z.string().optional(),
    ifMatch: z.string().optional(),
  }),
});
const WriteBundle = z.looseObject({ resourceType: z.literal('Bundle'), type: z.literal('transaction'), entry: z.array(WriteEntry) });
export type WriteEntry = z.infer<typeof WriteEntry>;

export interface SendOptions {
  /**
   * Where the writes go one by one, the order that leaves the fewest loose ends after a
   * failure midway: lower first, bundle order among equals, and never before an entry it
   * references. A transaction is atomic and is sent exactly as built.
   */
  stepOrder?: (entry: WriteEntry) => number;
}

const FULL: ServerFeatures = { transactions: true, conditionalCreate: true };

/**
 * Sends a transaction Bundle the best way this server allows: unchanged as a transaction
 * where the server has transactions (and conditional create, when an entry needs it),
 * otherwise entry by entry (see writeStepByStep).
 */
export async function sendWrites(api: FhirApi, bundle: unknown, options: SendOptions = {}): Promise<TBundle> {
  // A statement we cannot read at all must not block the write: the transaction's own answer is the real one.
  const f = await serverFeatures(api).catch(() => FULL);
  const parsed = WriteBundle.safeParse(bundle);
  const needsConditional = parsed.success && parsed.data.entry.some((e) => e.request.ifNoneExist);
  if (f.transactions && (f.conditionalCreate || !needsConditional)) return api.transaction(bundle);
  if (!parsed.success) throw new CareRelayError('This EHR does not support transactions, and CareRelay cannot write this change step by step');
  return writeStepByStep(api, parsed.data, f, options);
}

/** Sends a write plan the best way this server allows. */
export function createPlanSender(api: FhirApi) {
  return (bundle: TransactionBundle | unknown): Promise<TBundle> => sendWrites(api, bundle);
}

/**
 * Writes a transaction's entries one request at a time: POST with If-None-Exist becomes
 * "search by our identifier, create only if absent" (or the server's own conditional
 * create, or a PUT at our id where the server allows update-as-create); PUT keeps its
 * If-Match version; urn:uuid references to entries already written become server
 * references. Each write is atomic on its own, the whole is not.
 */
export async function writeStepByStep(api: FhirApi, bundle: { entry: WriteEntry[] }, f: ServerFeatures, options: SendOptions = {}): Promise<TBundle> {
  // Refused before the first write, not halfway.
  const unknown = bundle.entry.find((e) => !Object.hasOwn(RESOURCE_SCHEMAS, e.resource.resourceType));
  if (unknown) throw new CareRelayError(`CareRelay cannot write ${unknown.resource.resourceType} without a transaction`);
  const resolved = new Map<string, string>();
  const results = new Map<WriteEntry, { status: string; location: string }>();
  for (const e of inWriteOrder(bundle.entry, options.stepOrder)) {
    const type = e.resource.resourceType;
    const resource = rewrite(e.resource, resolved) as WriteEntry['resource'];
    const { id, created } = e.request.method === 'POST'
      ? await createOnce(api, type as ResourceTypeName, resource, e.request.ifNoneExist, f)
      : { id: await put(api, type as ResourceTypeName, e, resource), created: false };
    if (e.fullUrl) resolved.set(e.fullUrl, `${type}/${id}`);
    results.set(e, { status: created ? '201 Created' : '200 OK', location: `${type}/${id}` });
  }
  // Answered in the bundle's order, as a transaction-response is.
  return { resourceType: 'Bundle', type: 'transaction-response', entry: bundle.entry.map((e) => ({ response: results.get(e) })) };
}

/** Stable by stepOrder, then each entry only after the entries whose fullUrl it references. */
function inWriteOrder(entries: WriteEntry[], stepOrder?: (e: WriteEntry) => number): WriteEntry[] {
  const ranked = stepOrder ? entries.map((e, i) => ({ e, i, r: stepOrder(e) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.e) : [...entries];
  const urls = new Set(entries.map((e) => e.fullUrl).filter((u): u is string => Boolean(u)));
  const needs = new Map(ranked.map((e) => [e, referencesIn(e.resource, urls, e.fullUrl)]));
  const done = new Set<string>();
  const out: WriteEntry[] = [];
  while (ranked.length) {
    const at = ranked.findIndex((e) => [...(needs.get(e) ?? [])].every((u) => done.has(u)));
    if (at < 0) throw new CareRelayError('These writes reference each other in a circle: CareRelay cannot write them without a transaction');
    const [next] = ranked.splice(at, 1);
    if (!next) break;
    out.push(next);
    if (next.fullUrl) done.add(next.fullUrl);
  }
  return out;
}

function referencesIn(value: unknown, urls: Set<string>, self: string | undefined, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (value !== self && urls.has(value)) found.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) referencesIn(v, urls, self, found);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) referencesIn(v, urls, self, found);
  }
  return found;
}

const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

async function createOnce(api: FhirApi, type: ResourceTypeName, resource: WriteEntry['resource'], ifNoneExist: string | undefined, f: ServerFeatures): Promise<{ id: string; created: boolean }> {
  if (ifNoneExist && !f.conditionalCreate) {
    const found = await api.search(type, Object.fromEntries(new URLSearchParams(ifNoneExist)));
    const existing = found.entry?.find((x) => x.resource?.resourceType === type)?.resource?.id;
    if (existing) return { id: existing, created: false };
    // PUT at our own id is idempotent even when the browser silently resends a dropped request;
    // a POST resent that way would create a second copy.
    // Our own id is the bookingId identifier: the condition itself may name a slot shared by two writers (duplicate-guard.ts).
    const ownId = ownIdOf(resource, ifNoneExist);
    if (ownId && FHIR_ID.test(ownId) && f.updateCreate?.includes(type)) {
      await api.update(type, ownId, { ...resource, id: ownId });
      return { id: ownId, created: true };
    }
  }
  const conditional = f.conditionalCreate ? ifNoneExist : undefined;
  const headers: Record<string, string> = { Prefer: 'return=representation' };
  if (conditional) headers['If-None-Exist'] = conditional;
  const res = await api.raw({ method: 'POST', url: type, body: resource, headers });
  const created = parseWith(RESOURCE_SCHEMAS[type], type, res.body);
  const id = 'id' in created && typeof created.id === 'string' ? created.id : undefined;
  if (!id) throw new CareRelayError(`The EHR did not return an id for the new ${type}`);
  // With If-None-Exist, 200 means the server found the one an earlier try made.
  return { id, created: !conditional || res.status !== 200 };
}

function ownIdOf(resource: WriteEntry['resource'], ifNoneExist: string): string | undefined {
  const [system, value] = new URLSearchParams(ifNoneExist).get('identifier')?.split('|') ?? [];
  if (system === SYSTEMS.bookingId || system === undefined || value === undefined) return value;
  const ids = Array.isArray(resource.identifier) ? (resource.identifier as { system?: unknown; value?: unknown }[]) : [];
  const own = ids.find((i) => i.system === SYSTEMS.bookingId)?.value;
  return typeof own === 'string' ? own : undefined;
}

async function put(api: FhirApi, type: ResourceTypeName, e: WriteEntry, resource: WriteEntry['resource']): Promise<string> {
  const id = e.request.url.split('/')[1] ?? '';
  const version = /W\/"([^"]*)"/.exec(e.request.ifMatch ?? '')?.[1];
  await api.update(type, id, resource, version || undefined);
  return id;
}

/** Replaces urn:uuid references to entries already written with their server references. */
function rewrite(value: unknown, resolved: Map<string, string>): unknown {
  if (typeof value === 'string') return resolved.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, resolved));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, resolved)]));
  return value;
}
