// From what the discharge screen shows to FHIR ids. The page is untrusted, so an
// id it names must exist on the server, and an encounter must belong to the
// patient; without an id, the MRN must match exactly one Patient.
import { z } from 'zod';
import { SYSTEMS } from '../../shared/fhir/codes';
import type { FhirApi } from '../../shared/fhir/api';
import { CareRelayError } from '../../shared/errors/errors';
import type { DischargeContext } from '../messages';
import type { PatientIdentity } from './identity-check';

export class PatientNotFoundError extends CareRelayError {}

export interface ResolvedPatient {
  patient: string;
  encounter?: string;
  patientName?: string;
  /** What the server holds to check the screen's identifiers against (identity-check.ts). */
  identity: PatientIdentity;
}

const Named = z.looseObject({
  id: z.string(),
  name: z.array(z.looseObject({ text: z.string().optional(), given: z.array(z.string()).optional(), family: z.string().optional() })).optional(),
  birthDate: z.string().optional(),
  identifier: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional() })).optional(),
});
const EncounterSubject = z.looseObject({ id: z.string(), subject: z.object({ reference: z.string() }).optional() });
const SearchSet = z.looseObject({ entry: z.array(z.object({ resource: z.unknown() })).optional() });

export async function resolvePatient(api: FhirApi, context: DischargeContext): Promise<ResolvedPatient> {
  const patient = context.patientId ? await byId(api, context.patientId) : await byMrn(api, context.mrn);
  const encounter = context.encounterId ? await encounterOf(api, context.encounterId, patient.id) : undefined;
  return { patient: patient.id, encounter, patientName: nameOf(patient), identity: identityOf(patient) };
}

function identityOf(patient: z.infer<typeof Named>): PatientIdentity {
  return {
    birthDate: patient.birthDate,
    mrns: (patient.identifier ?? []).filter((i) => i.system === SYSTEMS.mrn && i.value).map((i) => i.value ?? ''),
    names: (patient.name ?? []).map((n) => ({ given: n.given ?? [], family: n.family, text: n.text })),
  };
}

async function byId(api: FhirApi, id: string) {
  const response = await api.raw({ method: 'GET', url: `Patient?_id=${encodeURIComponent(id)}` });
  const found = (SearchSet.parse(response.body).entry ?? []).map((e) => Named.safeParse(e.resource)).filter((r) => r.success);
  const first = found[0];
  if (!first) throw new PatientNotFoundError('The patient on this screen was not found on the FHIR server');
  return first.data;
}

async function byMrn(api: FhirApi, mrn: string | undefined) {
  if (!mrn) throw new PatientNotFoundError('This screen shows neither a patient id nor an MRN');
  const response = await api.raw({ method: 'GET', url: `Patient?identifier=${encodeURIComponent(`${SYSTEMS.mrn}|${mrn}`)}&_count=2` });
  const found = (SearchSet.parse(response.body).entry ?? []).map((e) => Named.safeParse(e.resource)).filter((r) => r.success);
  if (found.length !== 1 || !found[0]) throw new PatientNotFoundError(found.length === 0 ? 'No patient on the FHIR server has this MRN' : 'More than one patient has this MRN');
  return found[0].data;
}

async function encounterOf(api: FhirApi, id: string, patient: string): Promise<string | undefined> {
  const response = await api.raw({ method: 'GET', url: `Encounter?_id=${encodeURIComponent(id)}` });
  const found = (SearchSet.parse(response.body).entry ?? []).map((e) => EncounterSubject.safeParse(e.resource)).find((r) => r.success);
  // An encounter of someone else is dropped, not used: the booking then attaches to the patient only.
  return found?.data?.subject?.reference === `Patient/${patient}` ? found.data.id : undefined;
}

function nameOf(patient: z.infer<typeof Named>): string | undefined {
  const name = patient.name?.[0];
  if (!name) return undefined;
  return name.text ?? [...(name.given ?? []), name.family].filter(Boolean).join(' ');
}
