// The patient + current encounter + discharge order triple every EHR screen starts from.
import { EXTENSIONS, SNOMED, SYSTEMS } from '../../shared/fhir/codes';
import type { FhirRequester } from '../contracts';
import { read, search, type ResourceSet } from './fhir-access';
import type { Encounter, Location, Patient, ServiceRequest } from './fhir-schemas';
import { conceptText, extensionValue, hasCoding } from './format';

export interface EncounterView {
  encounter: Encounter;
  bed?: string;
  unit?: string;
  admitted?: string;
  plannedDischarge?: string;
  disposition: string;
  mobilityNotes?: string;
}

export interface EncounterContext {
  patient: Patient;
  current?: EncounterView;
  dischargeOrder?: ServiceRequest;
}

/** FHIR ids are [A-Za-z0-9-.]{1,64}; anything else never reaches a FHIR query. */
export const FHIR_ID = /^[A-Za-z0-9.-]{1,64}$/;

export const DISCHARGE_ORDER_TOKEN = `${SYSTEMS.snomed}|${SNOMED.dischargeOrder.code}`;

const ENCOUNTER_INCLUDES = '_include=Encounter:location&_include:iterate=Location:partof';

export function encounterView(encounter: Encounter, set: ResourceSet): EncounterView {
  const bedRef = encounter.location?.[0]?.location;
  const bed: Location | undefined = set.resolve('Location', bedRef?.reference);
  const unit = set.resolve('Location', bed?.partOf?.reference);
  const notes = extensionValue(encounter.extension, EXTENSIONS.mobilityNotes);
  return {
    encounter,
    bed: bed?.name ?? bedRef?.display,
    unit: unit?.name ?? bed?.partOf?.display,
    admitted: encounter.period?.start,
    plannedDischarge: extensionValue(encounter.extension, EXTENSIONS.plannedDischarge),
    disposition: conceptText(encounter.hospitalization?.dischargeDisposition),
    mobilityNotes: notes,
  };
}

export function isDischargeOrder(sr: ServiceRequest): boolean {
  return hasCoding(sr.code, SYSTEMS.snomed, SNOMED.dischargeOrder.code) && sr.status !== 'revoked' && sr.status !== 'entered-in-error';
}

/** The newest in-progress encounter: a readmission must not show last month's bed. */
export function pickCurrent(encounters: Encounter[]): Encounter | undefined {
  return [...encounters].sort((a, b) => (b.period?.start ?? '').localeCompare(a.period?.start ?? ''))[0];
}

export async function loadEncounterContext(fhir: FhirRequester, patientId: string): Promise<EncounterContext | undefined> {
  const pid = encodeURIComponent(patientId);
  const [patient, encounters, orders] = await Promise.all([
    read(fhir, 'Patient', patientId),
    search(fhir, `Encounter?subject=Patient/${pid}&status=in-progress&${ENCOUNTER_INCLUDES}&_count=50`),
    search(fhir, `ServiceRequest?subject=Patient/${pid}&code=${encodeURIComponent(DISCHARGE_ORDER_TOKEN)}&_count=50`),
  ]);
  if (!patient) return undefined;
  const encounter = pickCurrent(encounters.matchesOf('Encounter'));
  const current = encounter ? encounterView(encounter, encounters) : undefined;
  const dischargeOrder = orders
    .matchesOf('ServiceRequest')
    .filter(isDischargeOrder)
    .find((sr) => !current || !sr.encounter?.reference || sr.encounter.reference.endsWith(`Encounter/${current.encounter.id}`));
  return { patient, current, dischargeOrder };
}
