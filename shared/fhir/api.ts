// Typed reads and writes over a transport: every body is parsed with zod here,
// so nothing above this layer handles unvalidated server data.
import type { z } from 'zod';
import { MalformedResponseError } from '../errors/errors';
import { Bundle, RESOURCE_SCHEMAS, type ResourceOf, type ResourceTypeName, type TBundle } from './schemas';
import type { FhirTransport } from './transport';

export interface FhirApi {
  read<T extends ResourceTypeName>(type: T, id: string): Promise<ResourceOf<T>>;
  search(type: string, params: Record<string, string | string[]>): Promise<TBundle>;
  /** Follows a Bundle's next link (absolute URL from the server). */
  next(bundle: TBundle): Promise<TBundle | undefined>;
  transaction(bundle: unknown): Promise<TBundle>;
  update<T extends ResourceTypeName>(type: T, id: string, resource: unknown, ifMatchVersion?: string): Promise<ResourceOf<T>>;
  create<T extends ResourceTypeName>(type: T, resource: unknown, ifNoneExist?: string): Promise<ResourceOf<T>>;
  raw: FhirTransport;
}

export function createFhirApi(transport: FhirTransport): FhirApi {
  const parseBundle = (url: string, body: unknown) => parseWith(Bundle, url, body);
  return {
    raw: transport,
    async read(type, id) {
      const url = `${type}/${encodeURIComponent(id)}`;
      const res = await transport({ method: 'GET', url });
      return parseWith(RESOURCE_SCHEMAS[type], url, res.body) as ResourceOf<typeof type>;
    },
    async search(type, params) {
      const url = `${type}?${toQuery(params)}`;
      const res = await transport({ method: 'GET', url });
      return parseBundle(type, res.body);
    },
    async next(bundle) {
      const link = bundle.link?.find((l) => l.relation === 'next')?.url;
      if (!link) return undefined;
      const res = await transport({ method: 'GET', url: link });
      return parseBundle('next page', res.body);
    },
    async transaction(bundle) {
      const res = await transport({ method: 'POST', url: '', body: bundle, headers: { Prefer: 'return=representation' } });
      return parseBundle('transaction', res.body);
    },
    async update(type, id, resource, ifMatchVersion) {
      const url = `${type}/${encodeURIComponent(id)}`;
      const headers: Record<string, string> = {};
      if (ifMatchVersion) headers['If-Match'] = `W/"${ifMatchVersion}"`;
      const res = await transport({ method: 'PUT', url, body: resource, headers });
      return parseWith(RESOURCE_SCHEMAS[type], url, res.body) as ResourceOf<typeof type>;
    },
    async create(type, resource, ifNoneExist) {
      const headers: Record<string, string> = { Prefer: 'return=representation' };
      if (ifNoneExist) headers['If-None-Exist'] = ifNoneExist;
      const res = await transport({ method: 'POST', url: type, body: resource, headers });
      return parseWith(RESOURCE_SCHEMAS[type], type, res.body) as ResourceOf<typeof type>;
    },
  };
}

export function parseWith<S extends z.ZodType>(schema: S, what: string, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'invalid';
    throw new MalformedResponseError(what, where, parsed.error);
  }
  return parsed.data;
}

export function toQuery(params: Record<string, string | string[]>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const item of Array.isArray(v) ? v : [v]) q.append(k, item);
  return q.toString();
}

/** Resources of one type from a search Bundle (parsed with that type's schema; bad entries reported). */
export function entriesOf<T extends ResourceTypeName>(bundle: TBundle, type: T): ResourceOf<T>[] {
  const out: ResourceOf<T>[] = [];
  for (const entry of bundle.entry ?? []) {
    if (entry.resource?.resourceType !== type) continue;
    out.push(parseWith(RESOURCE_SCHEMAS[type], `${type} in bundle`, entry.resource) as ResourceOf<T>);
  }
  return out;
}
