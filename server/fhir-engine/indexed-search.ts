import type { SearchRequest, WithId } from '@medplum/core';
import { deepClone, evalFhirPath, globalSchema, matchesSearchRequest } from '@medplum/core';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

/**
 * Chained filters ("subject.name=x") are resolved by the engine against other
 * resources; only its own search does that, so such requests bypass the index.
 */
export function canUseIndex(request: SearchRequest): boolean {
  return !(request.filters ?? []).some((f) => f.code.includes('.'));
}

/**
 * MemoryRepository's searchSync over a pre-narrowed candidate list (in the engine's
 * order), with the same matcher, sort, paging and result shape. Two costs it avoids:
 * it deep-clones only the returned page (the engine clones every match, even for
 * _summary=count), and it evaluates each sort key once instead of per comparison.
 */
export function searchCandidates<T extends Resource>(
  candidates: readonly WithId<Resource>[],
  request: SearchRequest<T>,
): Bundle<WithId<T>> {
  let matches = candidates.filter((r) => matchesSearchRequest(r, request)) as WithId<T>[];
  const total = matches.length;
  for (const rule of request.sortRules ?? []) matches = sortBy(matches, rule.code, rule.descending ?? false);
  if (request.offset !== undefined) matches = matches.slice(request.offset);
  if (request.count !== undefined) matches = matches.slice(0, request.count);
  const entry = matches.map((resource): BundleEntry<WithId<T>> => ({ search: { mode: 'match' }, resource: deepClone(resource) }));
  return { resourceType: 'Bundle', type: 'searchset', entry: entry.length ? entry : undefined, total };
}

/**
 * The engine's sortComparator (JSON of the FHIRPath value, localeCompare, stable
 * Array.sort, one full sort per rule in order) with keys computed up front.
 */
function sortBy<T extends Resource>(resources: T[], code: string, descending: boolean): T[] {
  const first = resources[0];
  // A single element is never compared, so the engine never evaluates its key either.
  if (!first || resources.length < 2) return resources;
  const expression = globalSchema.types[first.resourceType]?.searchParams?.[code]?.expression;
  if (!expression) return resources;
  const keyed = resources.map((resource) => ({ resource, key: JSON.stringify(evalFhirPath(expression, resource)) }));
  keyed.sort((a, b) => a.key.localeCompare(b.key) * (descending ? -1 : 1));
  return keyed.map((k) => k.resource);
}
