// POST /ehr/patient/:id/discharge-order: the EHR's own discharge order, written the
// way docs/fhir-model.md describes it. The identifier is derived from the encounter,
// so a double submit (or a retry) is one conditional create, one order.
import { SNOMED, SYSTEMS } from '../../shared/fhir/codes';
import type { FhirRequester } from '../contracts';
import type { EncounterContext } from './encounter-context';
import { EhrFhirError, parseResource, search } from './fhir-access';

export const EHR_ORDER_SYSTEM = 'http://hospital.example.org/sid/order';

export function dischargeOrderIdentifier(encounterId: string): { system: string; value: string } {
  return { system: EHR_ORDER_SYSTEM, value: `discharge-${encounterId}` };
}

async function requesterFor(fhir: FhirRequester, currentUser: string): Promise<string> {
  if (!currentUser.startsWith('Practitioner/')) return currentUser;
  try {
    const roles = await search(fhir, `PractitionerRole?practitioner=${encodeURIComponent(currentUser)}&_count=1`);
    const role = roles.matchesOf('PractitionerRole')[0];
    return role ? `PractitionerRole/${role.id}` : currentUser;
  } catch {
    // A Practitioner is a valid requester too; the order matters more than the role.
    return currentUser;
  }
}

export interface PlacedOrder {
  id?: string;
  /** false when an order already existed (no write, or the server matched If-None-Exist). */
  created: boolean;
}

export async function placeDischargeOrder(
  fhir: FhirRequester,
  ctx: EncounterContext,
  currentUser: string,
  now: Date = new Date(),
): Promise<PlacedOrder> {
  if (ctx.dischargeOrder) return { id: ctx.dischargeOrder.id, created: false };
  const encounter = ctx.current?.encounter;
  if (!encounter) throw new EhrFhirError(409, 'ServiceRequest', 'no in-progress encounter to discharge from');
  const id = dischargeOrderIdentifier(encounter.id);
  const body = {
    resourceType: 'ServiceRequest',
    identifier: [id],
    status: 'active',
    intent: 'order',
    code: { coding: [{ system: SYSTEMS.snomed, ...SNOMED.dischargeOrder }], text: 'Discharge' },
    subject: { reference: `Patient/${ctx.patient.id}` },
    encounter: { reference: `Encounter/${encounter.id}` },
    authoredOn: now.toISOString(),
    ...(ctx.current?.plannedDischarge ? { occurrenceDateTime: ctx.current.plannedDischarge } : {}),
    requester: { reference: await requesterFor(fhir, currentUser) },
  };
  const res = await fhir.request('POST', 'ServiceRequest', body, {
    'Content-Type': 'application/fhir+json',
    'If-None-Exist': `identifier=${id.system}|${id.value}`,
  });
  if (res.status !== 200 && res.status !== 201) throw new EhrFhirError(res.status, 'ServiceRequest', res.body);
  return { id: parseResource(res.body)?.id, created: res.status === 201 };
}
