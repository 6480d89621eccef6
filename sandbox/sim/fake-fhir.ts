// A tiny in-memory FHIR server behind the FhirRequester contract, for simulator
// tests: versioned resources, If-Match (412), If-None-Exist, and the few searches
// the simulator uses (code, status, identifier, organization, _count).
import type { FhirRequester } from '../contracts';

export type FakeResource = { resourceType: string; id?: string; meta?: { versionId?: string; lastUpdated?: string } } & Record<string, unknown>;

interface Response { status: number; headers: Headers; body: unknown }

export interface FakeFhir extends FhirRequester {
  store: Map<string, FakeResource>;
  get(key: string): FakeResource | undefined;
  all(type: string): FakeResource[];
  /** Runs before a PUT is checked, e.g. to let "the app" change the resource first. */
  onBeforePut?: (key: string) => void;
  /** Writes as another client would (bumps the version). */
  put(resource: FakeResource): FakeResource;
  log: string[];
}

function tokenMatches(value: unknown, token: string): boolean {
  const [system, code] = token.includes('|') ? token.split('|') : [undefined, token];
  const codings: unknown[] = Array.isArray(value) ? value : [value];
  return codings.some((c) => {
    if (!c || typeof c !== 'object') return false;
    const inner = 'coding' in c && Array.isArray(c.coding) ? c.coding : [c];
    return inner.some((x: Record<string, unknown>) =>
      (x.code === code || x.value === code) && (system === undefined || x.system === system));
  });
}

function matches(r: FakeResource, params: URLSearchParams): boolean {
  for (const [name, value] of params) {
    if (name.startsWith('_')) continue;
    const anyOf = value.split(',');
    if (name === 'status' && !anyOf.includes(String(r.status))) return false;
    if (name === 'code' && !anyOf.some((t) => tokenMatches(r.code, t))) return false;
    if (name === 'identifier' && !anyOf.some((t) => tokenMatches(r.identifier, t))) return false;
    if (name === 'organization' && (r.providedBy as { reference?: string } | undefined)?.reference !== value) return false;
    if (name === 'owner' && (r.owner as { reference?: string } | undefined)?.reference !== value) return false;
  }
  return true;
}

export function createFakeFhir(initial: FakeResource[] = []): FakeFhir {
  const store = new Map<string, FakeResource>();
  let nextId = 1;
  const log: string[] = [];
  const reply = (status: number, body: unknown, r?: FakeResource): Response => {
    const headers = new Headers({ 'content-type': 'application/fhir+json' });
    if (r?.meta?.versionId) headers.set('ETag', `W/"${r.meta.versionId}"`);
    return { status, headers, body: body === undefined ? undefined : structuredClone(body) };
  };
  const save = (r: FakeResource): FakeResource => {
    const id = r.id ?? `gen-${nextId++}`;
    const prev = store.get(`${r.resourceType}/${id}`);
    const version = prev ? Number(prev.meta?.versionId ?? '0') + 1 : 1;
    const saved = { ...structuredClone(r), id, meta: { versionId: String(version), lastUpdated: new Date(0).toISOString() } };
    store.set(`${r.resourceType}/${id}`, saved);
    return saved;
  };
  initial.forEach(save);

  const fake: FakeFhir = {
    store, log,
    get: (key) => store.get(key),
    all: (type) => [...store.values()].filter((r) => r.resourceType === type),
    put: save,
    async request(method, path, body, headers) {
      log.push(`${method} ${path}`);
      const [resourcePath = '', query = ''] = path.split('?');
      const [type = '', id] = resourcePath.split('/');
      if (method === 'GET' && id) {
        const r = store.get(`${type}/${id}`);
        return r ? reply(200, r, r) : reply(404, { resourceType: 'OperationOutcome' });
      }
      if (method === 'GET') {
        const params = new URLSearchParams(query);
        const count = Number(params.get('_count') ?? '50');
        const hits = fake.all(type).filter((r) => matches(r, params)).slice(0, count);
        return reply(200, { resourceType: 'Bundle', type: 'searchset', total: hits.length, entry: hits.map((resource) => ({ resource, search: { mode: 'match' } })) });
      }
      const resource = body as FakeResource;
      if (method === 'POST') {
        const cond = headers?.['If-None-Exist'];
        const existing = cond ? fake.all(type).find((r) => matches(r, new URLSearchParams(cond))) : undefined;
        if (existing) return reply(200, existing, existing);
        const saved = save({ ...resource, id: undefined });
        return reply(201, saved, saved);
      }
      if (method === 'PUT' && id) {
        fake.onBeforePut?.(`${type}/${id}`);
        const current = store.get(`${type}/${id}`);
        const ifMatch = headers?.['If-Match'];
        if (current && ifMatch && ifMatch !== `W/"${current.meta?.versionId}"`) {
          return reply(412, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict' }] });
        }
        const saved = save({ ...resource, id });
        return reply(current ? 200 : 201, saved, saved);
      }
      return reply(405, { resourceType: 'OperationOutcome' });
    },
  };
  return fake;
}
