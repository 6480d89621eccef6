// The label wording web EHRs use for the fields CareRelay reads. Matching is on a
// normalized label (lowercase, no dots or colons) so "D.O.B.:" and "DOB" agree.
import type { DischargeContext } from '../messages';

export type FieldKey = Exclude<keyof DischargeContext, 'source' | 'patientId' | 'encounterId'>;

// Each field with its label wording and the schema's max length (the background re-validates).
const FIELDS: ReadonlyArray<readonly [FieldKey, RegExp, number]> = [
  ['patientName', /^(patient|patient name|name|full name|pt name)$/, 200],
  ['mrn', /^(mrn|mr #|medical record( number| no| #)?|med rec( no| #)?)$/, 64],
  ['birthDate', /^(dob|date of birth|birth ?date)$/, 32],
  // "Admission" alone is usually a date, so it counts only with a number suffix.
  ['visit', /^((encounter|visit|fin|csn)( id| number| no| #)?|(account|acct|admission)( number| no| #))$/, 64],
  ['unitBed', /^(unit|bed|room|location|(unit|room) ?\/ ?(bed|room))$/, 120],
  ['plannedDischarge', /^((planned|expected|exp|anticipated|estimated|est) discharge( date| time| date ?\/ ?time)?|edd|discharge (date|time|date ?\/ ?time))$/, 64],
  ['disposition', /^((discharge |disch )?disposition|discharged? to|discharge destination)$/, 120],
  ['address', /^((home|patient|discharge) )?address$/, 300],
  ['mobilityNotes', /^(mobility( notes| status| needs)?|ambulation|transport (needs|notes))$/, 500],
];

export const FIELD_MAX = Object.fromEntries(FIELDS.map(([key, , max]) => [key, max])) as Readonly<Record<FieldKey, number>>;

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
  for (const [key, re] of FIELDS) if (re.test(norm)) return key;
  return undefined;
}

/** Whitespace-collapsed text; placeholders like "—" or "N/A" count as absent. */
export function cleanValue(text: string | null | undefined): string | undefined {
  const v = (text ?? '').replace(/\s+/g, ' ').trim();
  return v === '' || /^([-—–]|n\/?a|none)$/i.test(v) ? undefined : v;
}
