// Live updates by polling: one small batch of _summary=count searches with
// _lastUpdated=gt<cursor>. Only when something changed does the caller reload.
import type { FhirApi } from '../fhir/api';
import { Bundle } from '../fhir/schemas';

const WATCHED = ['Task', 'Appointment', 'ServiceRequest', 'DeviceRequest', 'Communication', 'QuestionnaireResponse'];

export async function hasChangesSince(api: FhirApi, patient: string, cursor: string): Promise<boolean> {
  const batch = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: WATCHED.map((type) => ({
      request: { method: 'GET', url: `${type}?patient=${encodeURIComponent(patient)}&_lastUpdated=gt${encodeURIComponent(cursor)}&_summary=count` },
    })),
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
