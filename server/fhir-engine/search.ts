import { badRequest, getSearchParameter, OperationOutcomeError, parseSearchRequest } from '@medplum/core';
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import { isForeign } from './access';
import type { SandboxRepository } from './repository';

const DEFAULT_COUNT = 20;
const MAX_COUNT = 1000;
const RESULT_PARAMS = new Set(['_count', '_offset', '_sort', '_elements', '_summary', '_total', '_include', '_revinclude', '_format', '_pretty']);
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };

export interface SearchOptions {
  baseUrl: string;
  includeEnabled: boolean;
  /** Page size cap (default 1000). */
  maxCount?: number;
  /** Refuse (400) a search whose included results exceed this; undefined/null = no cap. */
  maxIncluded?: number | null;
  /** Patient a patient-scoped token is confined to. */
  patient: string | undefined;
}

/**
 * Type-level search with what the engine leaves out: paging links, _summary=count,
 * _elements, a default page size, and a 400 for parameters this server does not know
 * (a silently ignored typo would make a test pass against everything).
 */
export async function searchType(
  repo: SandboxRepository,
  resourceType: string,
  input: URLSearchParams,
  opts: SearchOptions,
): Promise<Bundle> {
  const params = new URLSearchParams(input);
  if (!opts.includeEnabled) {
    // Like many real servers with the feature off: ignore, do not fail.
    for (const key of [...params.keys()]) if (key.startsWith('_include') || key.startsWith('_revinclude')) params.delete(key);
  }
  const summaryCount = params.get('_summary') === 'count';
  if (summaryCount) params.delete('_summary');
  const count = Math.min(toInt(params.get('_count'), DEFAULT_COUNT), opts.maxCount ?? MAX_COUNT);
  const offset = toInt(params.get('_offset'), 0);
  params.set('_count', String(count));
  params.set('_offset', String(offset));
  rejectUnknown(resourceType, params);

  const request = parseSearchRequest(resourceType, toRecord(params));
  if (summaryCount) request.count = 0;
  const bundle = await repo.search(request);
  const total = bundle.total ?? 0;
  if (summaryCount) return { resourceType: 'Bundle', type: 'searchset', total };

  const included = (bundle.entry ?? []).filter((e) => e.search?.mode === 'include').length;
  if (opts.maxIncluded != null && included > opts.maxIncluded) {
    // The wording of the Medplum server a real deployment refused the vendor ranking with.
    throw new OperationOutcomeError(badRequest(`Search with _(rev)include reached query scope limit: depth=1, results=${included}`));
  }
  const fields = request.fields;
  const entry = (bundle.entry ?? [])
    .filter((e) => !e.resource || !isForeign(e.resource, opts.patient))
    .map((e): BundleEntry => ({
      fullUrl: e.resource ? `${opts.baseUrl}/${e.resource.resourceType}/${e.resource.id}` : undefined,
      resource: e.resource && fields && e.search?.mode === 'match' ? subset(e.resource, fields) : e.resource,
      search: e.search,
    }));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: pageLinks(`${opts.baseUrl}/${resourceType}`, params, offset, count, total),
    ...(entry.length ? { entry } : {}),
  };
}

function pageLinks(base: string, params: URLSearchParams, offset: number, count: number, total: number): BundleLink[] {
  const at = (o: number): string => {
    const p = new URLSearchParams(params);
    p.set('_offset', String(o));
    return `${base}?${p.toString()}`;
  };
  const links: BundleLink[] = [{ relation: 'self', url: at(offset) }, { relation: 'first', url: at(0) }];
  if (count > 0 && offset + count < total) links.push({ relation: 'next', url: at(offset + count) });
  if (offset > 0) links.push({ relation: 'previous', url: at(Math.max(0, offset - count)) });
  return links;
}

function subset(resource: Resource, fields: string[]): Resource {
  const source = resource as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { resourceType: resource.resourceType, id: resource.id };
  for (const field of fields) if (field in source) out[field] = source[field];
  out.meta = { ...resource.meta, tag: [...(resource.meta?.tag ?? []), SUBSETTED] };
  return out as unknown as Resource;
}

function rejectUnknown(resourceType: string, params: URLSearchParams): void {
  for (const key of params.keys()) {
    const code = key.split(':')[0]?.split('.')[0] ?? key;
    if (RESULT_PARAMS.has(code) || getSearchParameter(resourceType, code)) continue;
    throw new OperationOutcomeError(badRequest(`Unknown search parameter for ${resourceType}: ${key}`));
  }
}

function toInt(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  if (Number.isNaN(n)) return fallback;
  if (n < 0) throw new OperationOutcomeError(badRequest(`Negative paging parameter: ${value}`));
  return n;
}

function toRecord(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of params) (out[key] ??= []).push(value);
  return out;
}
