// Checks an EHR's SMART configuration and FHIR CapabilityStatement against what
// CareRelay needs, item by item, naming the fallback for anything missing.
// Never throws: an unreachable or malformed document is part of the report.
import { isSecureUrl, normalizeIss } from '../smart/smart-configuration';
import { CapabilityStatementDoc, fetchDocument, SmartConfigurationDoc, type FetchOptions } from './documents';
import { FHIR_ITEMS, fhirItems, WRITTEN_TYPE_NAMES, writeSpec } from './fhir-items';
import { item, type DocumentCheck, type ItemSpec, type ReadinessItem, type ReadinessReport, type ReadinessVerdict } from './readiness-types';
import { SMART_ITEMS, smartItems } from './smart-items';

export interface ReadinessOptions {
  timeoutMs?: number;
}

export async function checkReadiness(iss: string, fetchFn: typeof fetch, options: ReadinessOptions = {}): Promise<ReadinessReport> {
  const base = normalizeIss(iss.trim());
  const smartUrl = `${base}/.well-known/smart-configuration`;
  const metadataUrl = `${base}/metadata`;
  if (!URL.canParse(base) || !isSecureUrl(base)) {
    const problem = `"${iss}" is not a FHIR base URL CareRelay can use: it must be absolute and https (http only on localhost).`;
    return report(base, [{ name: 'SMART configuration', url: smartUrl, ok: false, problem }, { name: 'CapabilityStatement', url: metadataUrl, ok: false, problem }], []);
  }
  const o: FetchOptions = { fetch: fetchFn, timeoutMs: options.timeoutMs ?? 10_000 };
  const [smart, metadata] = await Promise.all([
    fetchDocument(smartUrl, SmartConfigurationDoc, 'application/json', 'SMART configuration', o),
    fetchDocument(metadataUrl, CapabilityStatementDoc, 'application/fhir+json', 'CapabilityStatement', o),
  ]);
  const documents: DocumentCheck[] = [
    smart.ok ? { name: 'SMART configuration', url: smartUrl, ok: true } : { name: 'SMART configuration', url: smartUrl, ok: false, problem: smart.problem },
    metadata.ok ? { name: 'CapabilityStatement', url: metadataUrl, ok: true } : { name: 'CapabilityStatement', url: metadataUrl, ok: false, problem: metadata.problem },
  ];
  const items = [
    ...(smart.ok ? smartItems(smart.body) : unchecked(Object.values(SMART_ITEMS), 'the SMART configuration')),
    ...(metadata.ok ? fhirItems(metadata.body) : unchecked(fhirSpecs(), 'the CapabilityStatement')),
  ];
  return report(base, documents, items);
}

/** Items whose document could not be read: CareRelay cannot rely on them, so they count as missing. */
function unchecked(specs: ItemSpec[], document: string): ReadinessItem[] {
  return specs.map((spec) => item(spec, 'missing', `Not checked: ${document} could not be read`));
}

function fhirSpecs(): ItemSpec[] {
  return [...WRITTEN_TYPE_NAMES.map(writeSpec), ...Object.values(FHIR_ITEMS)];
}

function report(iss: string, documents: DocumentCheck[], items: ReadinessItem[]): ReadinessReport {
  return { iss, documents, items, verdict: verdictOf(documents, items) };
}

export function verdictOf(documents: DocumentCheck[], items: ReadinessItem[]): ReadinessVerdict {
  if (documents.some((d) => !d.ok) || items.some((i) => i.blocking && i.status !== 'ok')) return 'not-ready';
  return items.every((i) => i.status === 'ok') ? 'ready' : 'ready-with-fallbacks';
}
