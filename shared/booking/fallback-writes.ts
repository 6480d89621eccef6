// Writing a booking on servers without transactions or conditional create. The
// CapabilityStatement is read once per session; where either is missing, the plan's
// entries are written one by one in dependency order (places, request, Task,
// Provenance), each conditional create replaced by "search by our identifier, then
// create only if absent". A retry of a half-written plan therefore finds what the
// first try made and only adds the rest; where the server allows update-as-create the
// create is a PUT at our own id, which a resend cannot duplicate. Not atomic, though:
// two surfaces writing the same booking in the same instant could both create it.
import { z } from 'zod';
import { CareRelayError } from '../errors/errors';
import { parseWith, type FhirApi } from '../fhir/api';
import { RESOURCE_SCHEMAS, type ResourceTypeName, type TBundle } from '../fhir/schemas';
import type { TransactionBundle, TransactionEntry } from './write-plan';

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
export function fallbackNotice(f: ServerFeatures): string | undefined {
  const missing = [!f.transactions && 'transactions', !f.conditionalCreate && 'conditional create'].filter(Boolean);
  return missing.length ? `This EHR does not support ${missing.join(' or ')}: CareRelay checks for duplicates before each write and writes the booking step by step.` : undefined;
}

/** Sends a write plan the best way this server allows. */
export function createPlanSender(api: FhirApi) {
  return async function send(bundle: TransactionBundle | unknown): Promise<TBundle> {
    const f = await serverFeatures(api);
    if (f.transactions && f.conditionalCreate) return api.transaction(bundle);
    return writeStepByStep(api, bundle as TransactionBundle, f);
  };
}

export async function writeStepByStep(api: FhirApi, bundle: TransactionBundle, f: ServerFeatures): Promise<TBundle> {
  const resolved = new Map<string, string>();
  const entry: NonNullable<TBundle['entry']> = [];
  for (const e of bundle.entry) {
    const type = e.resource.resourceType;
    if (!(type in RESOURCE_SCHEMAS)) throw new CareRelayError(`CareRelay cannot write ${type} without a transaction`);
    const resource = rewrite(e.resource, resolved) as TransactionEntry['resource'];
    const id = e.request.method === 'POST' ? await createOnce(api, type as ResourceTypeName, resource, e.request.ifNoneExist, f) : await put(api, type as ResourceTypeName, e, resource);
    resolved.set(e.fullUrl, `${type}/${id}`);
    entry.push({ response: { status: '200 OK', location: `${type}/${id}` } });
  }
  return { resourceType: 'Bundle', type: 'transaction-response', entry };
}

async function createOnce(api: FhirApi, type: ResourceTypeName, resource: TransactionEntry['resource'], ifNoneExist: string | undefined, f: ServerFeatures): Promise<string> {
  if (ifNoneExist && !f.conditionalCreate) {
    const found = await api.search(type, Object.fromEntries(new URLSearchParams(ifNoneExist)));
    const existing = found.entry?.find((x) => x.resource?.resourceType === type)?.resource?.id;
    if (existing) return existing;
    // PUT at our own id is idempotent even when the browser silently resends a dropped request;
    // a POST resent that way would create a second copy.
    const ownId = new URLSearchParams(ifNoneExist).get('identifier')?.split('|')[1];
    if (ownId && f.updateCreate?.includes(type)) {
      await api.update(type, ownId, { ...resource, id: ownId });
      return ownId;
    }
  }
  const created = await api.create(type, resource, f.conditionalCreate ? ifNoneExist : undefined);
  const id = 'id' in created && typeof created.id === 'string' ? created.id : undefined;
  if (!id) throw new CareRelayError(`The EHR did not return an id for the new ${type}`);
  return id;
}

async function put(api: FhirApi, type: ResourceTypeName, e: TransactionEntry, resource: TransactionEntry['resource']): Promise<string> {
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
