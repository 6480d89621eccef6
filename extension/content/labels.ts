// The label wording web EHRs use for the fields CareRelay reads. Matching is on a
// normalized label (lowercase, no dots or colons) so "D.O.B.:" and "DOB" agree.
import type { DischargeContext } from '../messages';

export type FieldKey = Exclude<keyof DischargeContext, 'source' | 'patientId' | 'encounterId'>;

const FIELD_LABELS: ReadonlyArray<readonly [FieldKey, RegExp]> = [
  ['patientName', /^(patient|patient name|name|full name|patient full name|pt name)$/],
  ['mrn', /^(mrn|mr #|mr no|medical record( number| no| #)?|med rec( no| #)?|record (number|no)|chart (number|no|#))$/],
  ['birthDate', /^(dob|date of birth|birth ?date|born)$/],
  // "Admission" alone is usually a date, so it counts only with a number suffix.
  ['visit', /^((encounter|visit|fin|csn)( id| number| no| #)?|(account|acct|admission)( number| no| #))$/],
  ['unitBed', /^(unit|bed|room|ward|location|(unit|room) ?\/ ?(bed|room)|unit and bed)$/],
  ['plannedDischarge', /^((planned|expected|exp|anticipated|estimated|target|projected|est) discharge( date| time| date ?\/ ?time)?|edd|discharge (date|time|date ?\/ ?time))$/],
  ['disposition', /^((discharge |disch )?disposition|discharge (to|destination)|discharging to|discharged to)$/],
  ['address', /^((home|patient|street|mailing|discharge) address|address)$/],
  ['mobilityNotes', /^(mobility|mobility (notes|status|needs)|ambulation|transport (needs|notes)|mobility ?\/ ?transport( notes)?)$/],
];

/** Max lengths from the DischargeContext schema; the background re-validates. */
export const FIELD_MAX: Readonly<Record<FieldKey, number>> = {
  patientName: 200, mrn: 64, birthDate: 32, visit: 64, unitBed: 120,
  plannedDischarge: 64, disposition: 120, address: 300, mobilityNotes: 500,
};

export function normalizeLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[.:*]/g, '')
    .replace(/\s*#/g, ' #')
    .replace(/\s+/g, ' ')
    .trim();
}

export function fieldForLabel(label: string): FieldKey | undefined {
  if (label.length > 60) return undefined;
  const norm = normalizeLabel(label);
  for (const [key, re] of FIELD_LABELS) if (re.test(norm)) return key;
  return undefined;
}

/** Whitespace-collapsed text; placeholders like "—" or "N/A" count as absent. */
export function cleanValue(text: string | null | undefined): string | undefined {
  const v = (text ?? '').replace(/\s+/g, ' ').trim();
  return v === '' || /^([-—–]|n\/?a|none)$/i.test(v) ? undefined : v;
}
