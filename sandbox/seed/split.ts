// With a production EHR the bookings are CareRelay's, not the EHR's: the seed's history
// (requests, vendor Tasks, appointments, milestones, texts, handoffs) and the vendor
// directory go to the coordination server; the chart (patients, encounters, discharge
// orders, wards, facilities, payers) stays in the EHR. Vendor Organizations are in both:
// the EHR knows the companies by name, CareRelay needs them beside the Tasks they own.
import type { Resource } from '@medplum/fhirtypes';
import { SYSTEMS } from '../../shared/fhir/codes';

const CARERELAY_ONLY = new Set(['Task', 'Appointment', 'Provenance', 'QuestionnaireResponse', 'HealthcareService']);
const MAYBE_OURS = new Set(['ServiceRequest', 'DeviceRequest', 'Communication']);

export interface SplitSeed {
  ehr: Resource[];
  coordination: Resource[];
}

export function splitSeed(resources: Resource[]): SplitSeed {
  const vendors = new Set(resources.flatMap((r) => (r.resourceType === 'HealthcareService' && r.providedBy?.reference ? [r.providedBy.reference] : [])));
  const out: SplitSeed = { ehr: [], coordination: [] };
  for (const r of resources) {
    const ours = CARERELAY_ONLY.has(r.resourceType)
      || (MAYBE_OURS.has(r.resourceType) && ((r as { identifier?: { system?: string }[] }).identifier ?? []).some((i) => i.system === SYSTEMS.bookingId));
    const vendor = r.resourceType === 'Organization' && vendors.has(`Organization/${r.id ?? ''}`);
    if (ours || vendor) out.coordination.push(r);
    if (!ours) out.ehr.push(r);
  }
  return out;
}
