// Two identifiers before any booking (Joint Commission NPSG.01.01.01): what the
// discharge screen shows (MRN, name, date of birth) must agree with the FHIR
// Patient the background resolved. The date of birth is required, plus the MRN or
// the name; every identifier the screen shows must match. Pure: no I/O.
import type { DischargeContext } from '../messages';

export interface PatientIdentity {
  birthDate?: string;
  mrns: string[];
  /** Every name of the Patient, as { given, family }. */
  names: { given: string[]; family?: string; text?: string }[];
}

export type IdentityCheck = { ok: true; matched: string[] } | { ok: false; reason: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Sense check: a real calendar day, not in the future, not before 1880.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (year < 1880 || date.getTime() > Date.now()) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "1951-12-10", "12/10/1951" (US), "10-12-1951" / "10.12.1951" (day first), "Dec 10, 1951", "10 Dec 1951" → "1951-12-10". */
export function parseBirthDate(raw: string | undefined): string | undefined {
  const text = raw?.trim().toLowerCase();
  if (!text) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:t.*)?$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{1,2})[-.](\d{1,2})[-.](\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^([a-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[3]), MONTHS.indexOf(m[1] ?? '') + 1, Number(m[2]));
  m = /^(\d{1,2}) ([a-z]{3})[a-z]*\.? (\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[3]), MONTHS.indexOf(m[2] ?? '') + 1, Number(m[1]));
  return undefined;
}

const tokens = (text: string): string[] =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z]+/).filter(Boolean);

const normalMrn = (value: string): string => value.replace(/[\s-]/g, '').toLowerCase();

/** The screen's name matches when it holds the family name and the first given name (or its initial). */
export function nameMatches(screen: string, names: PatientIdentity['names']): boolean {
  const seen = new Set(tokens(screen));
  return names.some((name) => {
    const family = tokens(name.family ?? '');
    const given = tokens(name.given[0] ?? '');
    if (family.length === 0 && name.text) return tokens(name.text).every((t) => seen.has(t));
    const firstGiven = given[0];
    const givenSeen = firstGiven !== undefined && (seen.has(firstGiven) || seen.has(firstGiven.charAt(0)));
    return family.length > 0 && family.every((t) => seen.has(t)) && givenSeen;
  });
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** `foundBy` says how the server's patient was found ("MRN 00482913"), for the message. */
export function checkIdentifiers(screen: DischargeContext, patient: PatientIdentity, foundBy?: string): IdentityCheck {
  const disagree: string[] = [];
  const matched: string[] = [];
  const dob = parseBirthDate(screen.birthDate);
  if (screen.birthDate !== undefined) {
    if (dob && dob === patient.birthDate) matched.push('date of birth');
    else disagree.push(dob ? `date of birth (${screen.birthDate})` : `date of birth (“${screen.birthDate}” is not a date)`);
  }
  if (screen.mrn !== undefined) {
    if (patient.mrns.some((m) => normalMrn(m) === normalMrn(screen.mrn ?? ''))) matched.push('MRN');
    else disagree.push(`MRN (${screen.mrn})`);
  }
  if (screen.patientName !== undefined) {
    if (nameMatches(screen.patientName, patient.names)) matched.push('name');
    else disagree.push(`name (${screen.patientName})`);
  }
  if (disagree.length > 0) {
    return { ok: false, reason: `Booking blocked: the ${list(disagree)} on the EHR screen ${disagree.length > 1 ? 'do' : 'does'} not match the patient ${foundBy ? `with ${foundBy} ` : ''}on the FHIR server. Check that the screen shows one patient, then try again.` };
  }
  if (!matched.includes('date of birth') || matched.length < 2) {
    const missing = screen.birthDate === undefined ? 'a date of birth' : 'an MRN or a name';
    return { ok: false, reason: `Booking blocked: CareRelay needs two identifiers from the EHR screen (MRN and date of birth, or name and date of birth), and could not read ${missing}.` };
  }
  return { ok: true, matched };
}
