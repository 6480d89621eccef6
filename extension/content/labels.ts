// The clinical label lexicon: the wording web EHRs use for the fields CareRelay
// reads, and for the title of a discharge screen. Matching is on a normalized label
// (lowercase, no dots, colons or stars) so "D.O.B.:", "Med Rec #" and "DOB" agree.
import type { DischargeContext } from '../messages';

export type FieldKey = Exclude<keyof DischargeContext, 'source' | 'patientId' | 'encounterId'>;

// Discharge wording: "discharge", "D/C", "Disch", "dispo", "transition(s) of care".
const DC = '(discharge|d ?/ ?c|dc|disch|dischg)';
const WHEN_WORDS = '( date| time| date ?/ ?time| date and time| dt| dttm)';
const WHEN = `${WHEN_WORDS}?`;
// Each field with its label wording and the schema's max length (the background re-validates).
const FIELDS: ReadonlyArray<readonly [FieldKey, RegExp, number]> = [
  ['patientName', /^(patient|patient name|pt|pt name|name|full name|legal name|patient full name|name \(last, first\)|last, first)$/, 200],
  ['mrn', /^(mrn|mr|mr #|mr no|mr number|mrn #|medical record( number| no| #)?|med rec( no| #| number)?|medrec|med record #|record #|chart #|patient id|pt id|hospital #|unit #|umrn|empi)$/, 64],
  ['birthDate', /^(dob|d o b|date of birth|birth ?date|birth dt|born)$/, 32],
  // "Admission" alone is usually a date, so it counts only with a number suffix.
  ['visit', /^((encounter|enc|visit|fin|csn|har)( id| number| no| #)?|(account|acct|admission|adm)( number| no| #))$/, 64],
  ['unitBed', /^(unit|bed|room|location|loc|ward|(unit|room|rm) ?\/ ?(bed|room)|unit ?- ?bed|room ?- ?bed)$/, 120],
  ['plannedDischarge', new RegExp(`^((planned|expected|exp|anticipated|antic|anticip|estimated|est|target|projected|proj) ${DC}${WHEN}|edd|eddt|add|${DC}${WHEN_WORDS}|${DC} on|target ${DC}|discharge target)$`), 64],
  ['disposition', new RegExp(`^((${DC} )?(disposition|dispo)|${DC}d? to|${DC} destination|${DC} location|disposition plan|discharge plan)$`), 120],
  ['address', new RegExp(`^((home|patient|pt|${DC}|street|mailing|residential) )?(address|addr)$`), 300],
  ['mobilityNotes', /^(mobility( notes| status| needs| level)?|ambulation( status)?|ambulatory status|transport (needs|notes|mode)|transfer (needs|status)|mode of transport)$/, 500],
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
  return v === '' || /^([-—–]|n\/?a|none|unknown|pending|tbd)$/i.test(v) ? undefined : v;
}
