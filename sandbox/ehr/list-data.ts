// The census: every in-progress encounter with its patient, bed and discharge order,
// in two searches that run side by side.
import type { FhirRequester } from '../contracts';
import { DISCHARGE_ORDER_TOKEN, encounterView, isDischargeOrder, type EncounterView } from './encounter-context';
import { search } from './fhir-access';
import type { Patient } from './fhir-schemas';
import { formatName } from './format';

export interface CensusRow {
  patient: Patient;
  view: EncounterView;
  hasDischargeOrder: boolean;
}

export async function loadCensus(fhir: FhirRequester): Promise<CensusRow[]> {
  const [encounters, orders] = await Promise.all([
    search(
      fhir,
      'Encounter?status=in-progress&_include=Encounter:patient&_include=Encounter:location&_include:iterate=Location:partof&_count=200',
    ),
    search(fhir, `ServiceRequest?code=${encodeURIComponent(DISCHARGE_ORDER_TOKEN)}&_count=500`),
  ]);
  const ordered = new Set(
    orders
      .matchesOf('ServiceRequest')
      .filter(isDischargeOrder)
      .map((sr) => sr.encounter?.reference?.split('/').pop()),
  );
  const rows: CensusRow[] = [];
  for (const encounter of encounters.matchesOf('Encounter')) {
    const patient = encounters.resolve('Patient', encounter.subject?.reference);
    if (!patient) continue;
    rows.push({ patient, view: encounterView(encounter, encounters), hasDischargeOrder: ordered.has(encounter.id) });
  }
  return rows.sort((a, b) => formatName(a.patient.name).localeCompare(formatName(b.patient.name)));
}
