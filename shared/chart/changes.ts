// Live updates by polling: one small batch of _summary=count searches with
// _lastUpdated=gt<cursor>. Only when something changed does the caller reload.
// Provenance has no patient of its own (its targets are our Tasks and handoff
// QuestionnaireResponses), so it is watched by target: a milestone recorded by
// the vendor or a handoff acknowledged by someone else shows without a reload.
import type { FhirApi } from '../fhir/api';
import { Bundle } from '../fhir/schemas';

const WATCHED = ['Task', 'Appointment', 'ServiceRequest', 'DeviceRequest', 'Communication', 'QuestionnaireResponse'];

/** Targets per Provenance probe: keeps each GET URL short. */
const TARGET_CHUNK = 40;

/** The probe's searches: one per watched type, plus Provenance by target in chunks. */
export function changeProbes(patient: string, cursor: string, provenanceTargets: readonly string[] = []): string[] {
  const since = `_lastUpdated=gt${encodeURIComponent(cursor)}&_summary=count`;
  const urls = WATCHED.map((type) => `${type}?patient=${encodeURIComponent(patient)}&${since}`);
  const targets = [...new Set(provenanceTargets)];
  for (let i = 0; i < targets.length; i += TARGET_CHUNK) {
    urls.push(`Provenance?target=${targets.slice(i, i + TARGET_CHUNK).map(encodeURIComponent).join(',')}&${since}`);
  }
  return urls;
}

export async function hasChangesSince(api: FhirApi, patient: string, cursor: string, provenanceTargets: readonly string[] = []): Promise<boolean> {
  const batch = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: changeProbes(patient, cursor, provenanceTargets).map((url) => ({ request: { method: 'GET', url } })),
  };
  const res = await api.raw({ method: 'POST', url: '', body: batch });
  const parsed = Bundle.safeParse(res.body);
  if (!parsed.success) return true;
  return (parsed.data.entry ?? []).some((e) => {
    const inner = Bundle.safeParse(e.resource);
    // A failed or unreadable probe entry counts as "maybe changed": reload rather than show stale status.
    return !inner.success || (inner.data.total ?? 1) > 0;
  });
}
