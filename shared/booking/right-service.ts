// The right service for the patient in front of you, read from the chart:
// WHERE the patient goes (the discharge disposition, and the facility the
// encounter names) and HOW (the level of service from every charted need).
// Each answer carries its reason in words. The level never sits below what the
// chart indicates; a need the rules cannot read is returned as `unreadable`, so
// the form asks instead of guessing lower.
import { TRANSPORT_LEVELS, type Capability, type TransportLevel } from '../fhir/codes';

/** From least to most care; the proposal is the highest any need calls for. */
export const LEVEL_ORDER: TransportLevel[] = ['A0100', 'A0130', 'T2005', 'A0428', 'A0426', 'A0434'];
export const levelRank = (l: TransportLevel) => LEVEL_ORDER.indexOf(l);

// ── Destination ────────────────────────────────────────────────────────────

export type DispositionKind = 'home' | 'facility' | 'none' | 'unknown';

/** HL7 discharge-disposition codes (and the sandbox's "hh"), in words, with the facility types that receive them. */
const DISPOSITIONS: Record<string, { words: string; kind: DispositionKind; facilityTypes?: string[] }> = {
  home: { words: 'Home', kind: 'home' },
  'alt-home': { words: 'Home (alternative home)', kind: 'home' },
  hh: { words: 'Home with home health services', kind: 'home' },
  aadvice: { words: 'Left against advice (home)', kind: 'home' },
  snf: { words: 'Skilled nursing facility', kind: 'facility', facilityTypes: ['SNF'] },
  rehab: { words: 'Inpatient rehabilitation facility', kind: 'facility', facilityTypes: ['RH', 'IRF'] },
  long: { words: 'Long-term care hospital', kind: 'facility', facilityTypes: ['LTAC', 'NCCF'] },
  hosp: { words: 'Hospice facility', kind: 'facility', facilityTypes: ['HOSPICE'] },
  'other-hcf': { words: 'Another hospital', kind: 'facility', facilityTypes: ['HOSP', 'GACH'] },
  psy: { words: 'Psychiatric hospital', kind: 'facility', facilityTypes: ['PSYCHF'] },
  exp: { words: 'Expired', kind: 'none' },
};

export interface Place {
  /** "Location/…" for a directory facility. */
  reference?: string;
  name?: string;
  typeCodes?: string[];
  address?: { line?: string[]; city?: string; state?: string; postalCode?: string };
}

export interface DestinationInput {
  disposition?: { code?: string; text?: string };
  /** Encounter.hospitalization.destination, resolved. */
  destination?: Place;
  home?: Place;
  /** Directory facilities (Location with a facility type). */
  facilities: Place[];
}

export interface Destination {
  kind: 'home' | 'facility' | 'choose-facility' | 'no-transport' | 'ask';
  /** The disposition in words ("Skilled nursing facility"). */
  dispositionWords: string;
  place?: Place;
  /** Facilities of the disposition's type, to choose from when none is named. */
  choices: Place[];
  reason: string;
  /** Facility-to-facility: the form asks for the receiving unit and a contact. */
  needsReceiver: boolean;
}

export function dispositionOf(d: DestinationInput['disposition']): { words: string; kind: DispositionKind; facilityTypes: string[] } {
  const byCode = d?.code ? DISPOSITIONS[d.code] : undefined;
  const text = d?.text?.trim();
  const byText = !byCode && text ? Object.values(DISPOSITIONS).find((x) => x.words.toLowerCase() === text.toLowerCase()) : undefined;
  const hit = byCode ?? byText;
  if (hit) return { words: hit.words, kind: hit.kind, facilityTypes: hit.facilityTypes ?? [] };
  return { words: text || (d?.code ? `Disposition "${d.code}"` : 'Not on the chart'), kind: 'unknown', facilityTypes: [] };
}

export function proposeDestination(i: DestinationInput): Destination {
  const d = dispositionOf(i.disposition);
  const base = { dispositionWords: d.words, choices: [] as Place[], needsReceiver: false };
  if (d.kind === 'none') return { ...base, kind: 'no-transport', reason: `Disposition ${d.words.toLowerCase()}: no discharge transport.` };
  if (d.kind === 'home') {
    return i.home
      ? { ...base, kind: 'home', place: i.home, reason: `Disposition ${d.words.toLowerCase()}: the home address from the chart.` }
      : { ...base, kind: 'ask', reason: `Disposition ${d.words.toLowerCase()}, but no home address on the chart: enter it.` };
  }
  if (d.kind === 'facility') {
    const choices = i.facilities.filter((f) => f.typeCodes?.some((t) => d.facilityTypes.includes(t)));
    if (i.destination?.address) {
      return { ...base, kind: 'facility', place: i.destination, choices, needsReceiver: true, reason: `Disposition ${d.words.toLowerCase()}: ${i.destination.name ?? 'the facility'} named on the encounter.` };
    }
    const what = choices.length ? 'choose the receiving facility' : `no ${d.words.toLowerCase()} in the directory, enter the receiving facility's address`;
    return { ...base, kind: 'choose-facility', choices, needsReceiver: true, reason: `Disposition ${d.words.toLowerCase()}, no facility named on the encounter: ${what}.` };
  }
  return { ...base, kind: 'ask', place: i.destination ?? i.home, reason: `Disposition ${d.words === 'Not on the chart' ? 'not on the chart' : `"${d.words}" not recognised`}: confirm the drop-off.` };
}

const sameAddress = (a?: Place['address'], b?: Place['address']) =>
  !!a && !!b && norm(a.line?.join(' ')) === norm(b.line?.join(' ')) && norm(a.postalCode) === norm(b.postalCode);
const norm = (s?: string) => (s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');

/** A drop-off that contradicts the disposition, in words; undefined when it fits. */
export function dropoffConflict(dest: Destination, dropoff: Place['address'], home?: Place['address']): string | undefined {
  if (!dropoff?.line?.some((l) => l.trim())) return undefined;
  if (dest.kind === 'home' && dest.place?.address && !sameAddress(dropoff, dest.place.address)) return `The discharge disposition is ${dest.dispositionWords.toLowerCase()}, but the drop-off is not the home address on the chart.`;
  if ((dest.kind === 'facility' || dest.kind === 'choose-facility') && sameAddress(dropoff, home)) return `The discharge disposition is ${dest.dispositionWords.toLowerCase()}, but the drop-off is the patient's home.`;
  if (dest.kind === 'facility' && dest.place?.address && !sameAddress(dropoff, dest.place.address)) return `The drop-off is not ${dest.place.name ?? 'the facility'} named on the encounter.`;
  if (dest.kind === 'choose-facility' && !dest.choices.some((c) => sameAddress(dropoff, c.address))) return `The drop-off is not a ${dest.dispositionWords.toLowerCase()} in the directory.`;
  return undefined;
}

// ── Level of service ───────────────────────────────────────────────────────

export interface NeedsInput {
  /** Active ICD-10-CM codes on the chart. */
  codes: string[];
  /** Free text that charts needs: mobility notes, Condition text without a code, order notes. */
  texts: string[];
}

export interface Oxygen {
  /** "3 L/min" when charted. */
  flow?: string;
  /** A portable supply for the ride is charted. */
  portable: boolean;
}

export interface LevelFromChart {
  level: TransportLevel;
  /** Each need that was read, the strongest first: "Cardiac monitoring during transfer → ALS ambulance". */
  reasons: string[];
  reason: string;
  flags: Capability[];
  /** Order details that do not select vendors, in words: isolation, restraint, portable oxygen. */
  needs: string[];
  oxygen?: Oxygen;
  /** Charted needs the rules cannot read: the questions must be answered. */
  unreadable: string[];
}

interface Need { level: TransportLevel; why: string; flags?: Capability[]; needs?: string[] }

/** ICD-10-CM codes the rules read. */
const CODE_RULES: Record<string, Need> = {
  'Z99.11': { level: 'A0434', why: 'Ventilator dependence (Z99.11)' },
  'Z74.01': { level: 'T2005', why: 'Bed confinement (Z74.01)', flags: ['stretcher'] },
  'Z99.3': { level: 'A0130', why: 'Wheelchair dependence (Z99.3)', flags: ['wheelchair'] },
  'Z99.81': { level: 'A0130', why: 'Supplemental oxygen (Z99.81)', flags: ['oxygen'] },
  'Z74.09': { level: 'A0130', why: 'Reduced mobility (Z74.09)', flags: ['wheelchair'] },
  'Z16.11': { level: 'A0100', why: 'Resistant organism (Z16.11): isolation precautions', needs: ['isolation precautions'] },
  'Z16.12': { level: 'A0100', why: 'Resistant organism (Z16.12): isolation precautions', needs: ['isolation precautions'] },
  'Z22.322': { level: 'A0100', why: 'MRSA carrier (Z22.322): contact precautions', needs: ['isolation precautions'] },
  'Z68.41': { level: 'A0100', why: 'BMI 40–44.9 (Z68.41): bariatric', flags: ['bariatric'] },
  'Z68.42': { level: 'A0100', why: 'BMI 45–49.9 (Z68.42): bariatric', flags: ['bariatric'] },
  'Z68.43': { level: 'A0100', why: 'BMI 50–59.9 (Z68.43): bariatric', flags: ['bariatric'] },
  'Z68.44': { level: 'A0100', why: 'BMI 60–69.9 (Z68.44): bariatric', flags: ['bariatric'] },
  'Z68.45': { level: 'A0100', why: 'BMI 70 or more (Z68.45): bariatric', flags: ['bariatric'] },
  'Z78.1': { level: 'A0428', why: 'Physical restraint status (Z78.1): restrained patients travel by ambulance', flags: ['stretcher'], needs: ['behavioural restraint'] },
};

/** ICD-10-CM families that chart a transport need: a code here the rules do not know is unreadable. */
const NEED_FAMILIES = ['Z99.', 'Z74.', 'Z68.4', 'Z16.', 'Z22.', 'Z78.', 'Z93.', 'Z95.', 'Z96.6', 'Z97.', 'Z45.'];

/** Free-text patterns (mobility notes, text-only Conditions). */
const TEXT_RULES: [RegExp, Need][] = [
  [/ventilator|\bvent[- ]dependent|mechanical ventilation/i, { level: 'A0434', why: 'Ventilator en route' }],
  [/\bdrips?\b|infusion|titrat|\bIV pump/i, { level: 'A0434', why: 'IV drips en route' }],
  [/cardiac monitor|telemetry/i, { level: 'A0426', why: 'Cardiac monitoring en route' }],
  [/restrain/i, { level: 'A0428', why: 'Behavioural restraint: ambulance only', flags: ['stretcher'], needs: ['behavioural restraint'] }],
  [/bed[- ]?bound|bed confinement|cannot sit/i, { level: 'T2005', why: 'Bed-bound', flags: ['stretcher'] }],
  [/\bO2\b|oxygen/i, { level: 'A0130', why: 'Oxygen', flags: ['oxygen'] }],
  [/wheelchair|ramp van/i, { level: 'A0130', why: 'Wheelchair', flags: ['wheelchair'] }],
  [/bariatric/i, { level: 'A0100', why: 'Bariatric', flags: ['bariatric'] }],
  [/isolation|contact precautions|droplet precautions|airborne precautions/i, { level: 'A0100', why: 'Isolation precautions', needs: ['isolation precautions'] }],
];

/** Words that say a need is charted, when no rule above reads the text. */
const NEED_WORDS = /\b(monitor|monitoring|suction|trach|tracheostomy|chest tube|ecmo|balloon pump|ventricular assist|halo|traction|isolette|neonatal)\b/i;

const FLOW = /(\d+(?:\.\d+)?)\s*(?:L|lpm|liters?)(?:\s*\/\s*min|\s*per minute|\b)/i;
const PORTABLE = /portable (?:oxygen|O2|tank|cylinder)|(?:oxygen|O2) tank/i;

export function proposeLevelFromChart(i: NeedsInput): LevelFromChart {
  const found: Need[] = [];
  const unreadable: string[] = [];
  for (const code of new Set(i.codes)) {
    const rule = CODE_RULES[code];
    if (rule) found.push(rule);
    else if (NEED_FAMILIES.some((f) => code.startsWith(f))) unreadable.push(`Condition ${code}`);
  }
  let oxygen: Oxygen | undefined = i.codes.includes('Z99.81') ? { portable: false } : undefined;
  for (const text of i.texts) {
    for (const part of text.split(/[;\n]/).map((t) => t.trim()).filter(Boolean)) {
      let read = false;
      for (const [re, rule] of TEXT_RULES) {
        if (re.test(part)) {
          found.push({ ...rule, why: `${rule.why} ("${part}")` });
          read = true;
        }
      }
      if (!read && NEED_WORDS.test(part)) unreadable.push(`"${part}"`);
    }
    if (/\bO2\b|oxygen/i.test(text)) {
      const flow = FLOW.exec(text);
      oxygen = { flow: flow ? `${flow[1]} L/min` : oxygen?.flow, portable: (oxygen?.portable ?? false) || PORTABLE.test(text) };
    }
  }
  const flags = new Set(found.flatMap((n) => n.flags ?? []));
  const needs = new Set(found.flatMap((n) => n.needs ?? []));
  let top: Need = found[0] ?? { level: 'A0100', why: 'No mobility or clinical needs on the chart' };
  for (const n of found) if (levelRank(n.level) > levelRank(top.level)) top = n;
  const reasons = [top, ...found.filter((n) => n !== top)].map((n) => n.why);
  let level = top.level;
  // A bed-bound patient on oxygen lies flat with a running supply: a stretcher van
  // does not give oxygen, a BLS crew does.
  if (level === 'T2005' && flags.has('oxygen')) {
    level = 'A0428';
    reasons.unshift('Bed-bound and on oxygen: a BLS crew gives oxygen to a patient lying down');
  }
  if (level === 'A0130' && flags.has('stretcher')) flags.delete('stretcher');
  if (levelRank(level) >= levelRank('T2005')) flags.delete('wheelchair');
  if (level === 'T2005' || levelRank(level) >= levelRank('A0428')) flags.add('stretcher');
  if (level === 'A0130') flags.add('wheelchair');
  if (oxygen?.portable) needs.add(`portable oxygen for the ride${oxygen.flow ? ` at ${oxygen.flow}` : ''}`);
  const uniqueReasons = [...new Set(reasons)];
  const display = TRANSPORT_LEVELS[level].display;
  // "wheelchair van", but "BLS ambulance" keeps its capitals.
  const words = /^[A-Z][a-z]/.test(display) ? display[0]!.toLowerCase() + display.slice(1) : display;
  const reason = `${uniqueReasons.join('; ')}: ${words} (${level}).`;
  return { level, reasons: uniqueReasons, reason, flags: [...flags], needs: [...needs], ...(oxygen ? { oxygen } : {}), unreadable };
}
