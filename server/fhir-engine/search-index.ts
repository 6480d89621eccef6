import type { Filter, SearchRequest, WithId } from '@medplum/core';
import {
  convertToSearchableReferences,
  convertToSearchableTokens,
  evalFhirPathTyped,
  globalSchema,
  LRUCache,
  Operator,
  splitSearchOnComma,
  toTypedValue,
} from '@medplum/core';
import type { FhirPathAtom } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

/**
 * Search parameters worth an index: the ones every patient-scoped query, identifier
 * lookup (If-None-Exist, vendor adapters), _revinclude (Provenance:target) and work
 * queue (status) filters on. Others are left to the engine's scan.
 */
const INDEXED_CODES = ['_id', 'identifier', 'patient', 'subject', 'beneficiary', 'target', 'status'];

/** Posting for a resource whose value could not be computed: it is a candidate for any value. */
const ANY = '*';

interface Stored {
  resource: WithId<Resource>;
  /** Position in the engine's per-type Map (insertion order; an update keeps it), so results keep its order. */
  seq: number;
  postings: string[];
}

const exprCache = new LRUCache<FhirPathAtom>(1000);

/**
 * Per-type copy of the current resources plus inverted indexes on a few token and
 * reference search parameters. It only narrows: `candidates` returns a superset of
 * the matches, in the engine's order, and the caller still runs the engine's
 * matcher on each. Keys are computed with the engine's own FHIRPath expressions and
 * value conversions, so a value the matcher would see is always indexed.
 */
export class SearchIndex {
  private readonly byType = new Map<string, Map<string, Stored>>();
  private readonly postings = new Map<string, Set<string>>();
  private seq = 0;

  /** Records the stored version of a resource (create, update, rollback restore). */
  put(resource: WithId<Resource>): void {
    const { resourceType, id } = resource;
    let resources = this.byType.get(resourceType);
    if (!resources) this.byType.set(resourceType, (resources = new Map()));
    const existing = resources.get(id);
    if (existing) this.unpost(id, existing.postings);
    const postings = postingsOf(resource);
    for (const key of postings) {
      let ids = this.postings.get(key);
      if (!ids) this.postings.set(key, (ids = new Set()));
      ids.add(id);
    }
    // Map.set on an existing id keeps its place, exactly as the engine's Map does.
    resources.set(id, { resource, seq: existing?.seq ?? ++this.seq, postings });
  }

  remove(resourceType: string, id: string): void {
    const resources = this.byType.get(resourceType);
    const existing = resources?.get(id);
    if (!existing) return;
    this.unpost(id, existing.postings);
    resources?.delete(id);
  }

  clear(): void {
    this.byType.clear();
    this.postings.clear();
  }

  /**
   * Resources that may match, in engine order: narrowed by the most selective indexed
   * filter, else every resource of the type. Never decides a match on its own.
   */
  candidates(request: SearchRequest): WithId<Resource>[] {
    const resources = this.byType.get(request.resourceType);
    if (!resources) return [];
    let best: Set<string> | undefined;
    for (const filter of request.filters ?? []) {
      const ids = this.lookup(request.resourceType, filter);
      if (ids && (!best || ids.size < best.size)) best = ids;
    }
    if (!best) return [...resources.values()].map((s) => s.resource);
    const picked: Stored[] = [];
    for (const id of best) {
      const stored = resources.get(id);
      if (stored) picked.push(stored);
    }
    return picked.sort((a, b) => a.seq - b.seq).map((s) => s.resource);
  }

  private unpost(id: string, postings: string[]): void {
    for (const key of postings) {
      const ids = this.postings.get(key);
      ids?.delete(id);
      if (ids?.size === 0) this.postings.delete(key);
    }
  }

  /** Ids that can satisfy one filter, or undefined when this index cannot tell. */
  private lookup(resourceType: string, filter: Filter): Set<string> | undefined {
    if (filter.operator !== Operator.EQUALS || !INDEXED_CODES.includes(filter.code)) return undefined;
    const param = globalSchema.types[resourceType]?.searchParams?.[filter.code];
    if (!param?.expression) return undefined;
    const values = splitSearchOnComma(filter.value);
    const keys: string[] = [];
    for (const value of values) {
      const key = param.type === 'token' ? tokenLookupKey(value) : param.type === 'reference' ? referenceLookupKey(value, param.target?.length === 1) : undefined;
      if (key === undefined) return undefined;
      if (key) keys.push(key);
    }
    const prefix = `${resourceType}\0${filter.code}\0`;
    const out = new Set<string>(this.postings.get(prefix + ANY));
    for (const key of keys) for (const id of this.postings.get(prefix + key) ?? []) out.add(id);
    return out;
  }
}

/**
 * The key under which resources matching one comma-separated token value are posted,
 * mirroring @medplum/core's matchesTokenValue (case-insensitive); '' = matches nothing;
 * undefined = cannot narrow ("system|" matches any value of the system).
 */
function tokenLookupKey(value: string): string | undefined {
  if (value === '') return undefined;
  if (!value.includes('|')) return `v:${value.toLowerCase()}`;
  const [system = '', code = ''] = value.split('|').map((s) => s.toLowerCase());
  if (!system && !code) return '';
  if (!system) return `v:${code}`;
  return code ? `sv:${system}\0${code}` : undefined;
}

/**
 * Mirrors matchesReferenceFilter: "Type/id" matches exactly; a bare id matches a
 * reference ending in "/id" only when the parameter has a single target type.
 * An empty value matches resources *without* the reference, so it cannot narrow.
 */
function referenceLookupKey(value: string, singleTarget: boolean): string | undefined {
  if (value === '') return undefined;
  if (value.includes('/')) return `r:${value}`;
  return singleTarget ? `id:${value}` : '';
}

function postingsOf(resource: Resource): string[] {
  const params = globalSchema.types[resource.resourceType]?.searchParams ?? {};
  const keys = new Set<string>();
  for (const code of INDEXED_CODES) {
    const param = params[code];
    if (!param?.expression || (param.type !== 'token' && param.type !== 'reference')) continue;
    const prefix = `${resource.resourceType}\0${code}\0`;
    try {
      const typed = evalFhirPathTyped(param.expression, [toTypedValue(resource)], undefined, exprCache);
      if (param.type === 'token') {
        for (const { system, value } of convertToSearchableTokens(typed)) {
          if (value === undefined) continue;
          const v = String(value).toLowerCase();
          keys.add(`${prefix}v:${v}`);
          if (system) keys.add(`${prefix}sv:${system.toLowerCase()}\0${v}`);
        }
      } else {
        for (const ref of convertToSearchableReferences(typed)) {
          keys.add(`${prefix}r:${ref}`);
          const slash = ref.lastIndexOf('/');
          if (slash >= 0) keys.add(`${prefix}id:${ref.slice(slash + 1)}`);
        }
      }
    } catch {
      // The matcher would see the same failure; keep the resource in every lookup.
      keys.add(prefix + ANY);
    }
  }
  return [...keys];
}
