import { describe, expect, it } from 'vitest';
import type { TransportLevel } from '../fhir/codes';
import { dropoffConflict, proposeDestination, proposeLevelFromChart, type Destination, type Place } from './right-service';

const HOME: Place = { name: 'Home', address: { line: ['12 Elm St'], city: 'Columbus', state: 'OH', postalCode: '43215' } };
const MAPLE: Place = { reference: 'Location/loc-snf-1', name: 'Maple Grove Skilled Nursing', typeCodes: ['SNF'], address: { line: ['1200 Maple Grove Rd'], city: 'Columbus', state: 'OH', postalCode: '43229' } };
const RIVER: Place = { reference: 'Location/loc-snf-2', name: 'Riverbend Rehabilitation Center', typeCodes: ['SNF'], address: { line: ['88 Riverbend Dr'], city: 'Grove City', state: 'OH', postalCode: '43123' } };
const REHAB: Place = { reference: 'Location/loc-irf-1', name: 'Scioto Rehabilitation Hospital', typeCodes: ['RH'], address: { line: ['400 Scioto Pkwy'], city: 'Columbus', state: 'OH', postalCode: '43215' } };
const HOSPICE: Place = { reference: 'Location/loc-hospice-1', name: 'Willow House Hospice', typeCodes: ['HOSPICE'], address: { line: ['9 Willow Ln'], city: 'Columbus', state: 'OH', postalCode: '43220' } };
const FACILITIES = [MAPLE, RIVER, REHAB, HOSPICE];
const SNFS = ['Maple Grove Skilled Nursing', 'Riverbend Rehabilitation Center'];

interface Row {
  situation: string;
  disposition?: string;
  named?: Place;
  codes?: string[];
  texts?: string[];
  destination: Destination['kind'];
  place?: string;
  level: TransportLevel;
  /** Words the reason must hold. */
  reason: string;
  unreadable?: number;
  oxygen?: { flow?: string; portable: boolean };
  /** Facilities offered when none is named. */
  choices?: string[];
}

/** Disposition × charted needs → destination and level of service, each with its reason. */
export const SITUATIONS: Row[] = [
  { situation: 'Home, no needs', disposition: 'home', destination: 'home', place: 'Home', level: 'A0100', reason: 'No mobility or clinical needs' },
  { situation: 'Home, wheelchair (Z99.3)', disposition: 'home', codes: ['Z99.3'], destination: 'home', place: 'Home', level: 'A0130', reason: 'Wheelchair dependence (Z99.3)' },
  { situation: 'Home, oxygen (Z99.81) only', disposition: 'home', codes: ['Z99.81'], destination: 'home', place: 'Home', level: 'A0130', reason: 'Supplemental oxygen (Z99.81)', oxygen: { portable: false } },
  { situation: 'Home, oxygen 3 L with portable tank in the notes (pat-020 story)', disposition: 'home', codes: ['Z99.81'], texts: ['O2 3L NC; portable tank needed for the ride'], destination: 'home', place: 'Home', level: 'A0130', reason: 'Oxygen ("O2 3L NC")', oxygen: { flow: '3 L/min', portable: true } },
  { situation: 'Home with home health, oxygen 2 L, wheelchair for transfers', disposition: 'hh', codes: ['Z99.81'], texts: ['O2 2L NC; short distances only, wheelchair for transfers'], destination: 'home', place: 'Home', level: 'A0130', reason: 'Supplemental oxygen (Z99.81)', oxygen: { flow: '2 L/min', portable: false } },
  { situation: 'Home with home health, hip fracture, wheelchair', disposition: 'hh', codes: ['Z99.3'], texts: ['Needs 1-person assist; touch-down weight bearing RLE'], destination: 'home', place: 'Home', level: 'A0130', reason: 'Wheelchair dependence' },
  { situation: 'Home, bed-bound (Z74.01)', disposition: 'home', codes: ['Z74.01'], destination: 'home', place: 'Home', level: 'T2005', reason: 'Bed confinement (Z74.01)' },
  { situation: 'Home, bed-bound and on oxygen', disposition: 'home', codes: ['Z74.01', 'Z99.81'], destination: 'home', place: 'Home', level: 'A0428', reason: 'BLS crew gives oxygen' },
  { situation: 'Home, bariatric by BMI (Z68.43), walks', disposition: 'home', codes: ['Z68.43'], destination: 'home', place: 'Home', level: 'A0100', reason: 'BMI 50–59.9 (Z68.43): bariatric: ambulatory (taxi) (A0100)' },
  { situation: 'Home, MRSA carrier (Z22.322)', disposition: 'home', codes: ['Z22.322'], destination: 'home', place: 'Home', level: 'A0100', reason: 'contact precautions' },
  { situation: 'Home, contact precautions in the notes, wheelchair', disposition: 'home', codes: ['Z99.3'], texts: ['Contact precautions (C. diff)'], destination: 'home', place: 'Home', level: 'A0130', reason: 'Isolation precautions' },
  { situation: 'Home, ventilator (Z99.11)', disposition: 'home', codes: ['Z99.11'], destination: 'home', place: 'Home', level: 'A0434', reason: 'Ventilator dependence (Z99.11)' },
  { situation: 'Home, unknown Z99 code (Z99.2 dialysis)', disposition: 'home', codes: ['Z99.2'], destination: 'home', place: 'Home', level: 'A0100', reason: 'No mobility or clinical needs', unreadable: 1 },
  { situation: 'Alternative home, wheelchair', disposition: 'alt-home', codes: ['Z99.3'], destination: 'home', place: 'Home', level: 'A0130', reason: 'Wheelchair dependence' },
  { situation: 'Left against advice, no needs', disposition: 'aadvice', destination: 'home', place: 'Home', level: 'A0100', reason: 'No mobility or clinical needs' },
  { situation: 'SNF named on the encounter, stroke, bed-bound (pat-003 story)', disposition: 'snf', named: MAPLE, codes: ['Z74.01'], texts: ['Needs 2-person assist; aspiration precautions'], destination: 'facility', place: 'Maple Grove Skilled Nursing', level: 'T2005', reason: 'Bed confinement (Z74.01)' },
  { situation: 'SNF named, NSTEMI, cardiac monitoring, bed-bound (pat-019 story)', disposition: 'snf', named: MAPLE, codes: ['Z74.01'], texts: ['Cardiac monitoring during transfer; bed-bound'], destination: 'facility', place: 'Maple Grove Skilled Nursing', level: 'A0426', reason: 'Cardiac monitoring en route ("Cardiac monitoring during transfer")' },
  { situation: 'SNF not named, sepsis, bariatric stretcher on oxygen 4 L', disposition: 'snf', codes: ['Z74.01', 'Z99.81'], texts: ['Bariatric stretcher; O2 4L NC; 2-person assist'], destination: 'choose-facility', choices: SNFS, level: 'A0428', reason: 'BLS ambulance (non-emergency) (A0428)', oxygen: { flow: '4 L/min', portable: false } },
  { situation: 'SNF not named, no needs', disposition: 'snf', destination: 'choose-facility', choices: SNFS, level: 'A0100', reason: 'No mobility or clinical needs' },
  { situation: 'SNF named, telemetry in the notes, no codes', disposition: 'snf', named: RIVER, texts: ['On telemetry until transfer'], destination: 'facility', place: 'Riverbend Rehabilitation Center', level: 'A0426', reason: 'Cardiac monitoring en route' },
  { situation: 'SNF named, heparin drip running', disposition: 'snf', named: MAPLE, codes: ['Z74.01'], texts: ['Heparin drip, titrated per protocol'], destination: 'facility', place: 'Maple Grove Skilled Nursing', level: 'A0434', reason: 'IV drips en route' },
  { situation: 'SNF named, physical restraint (Z78.1)', disposition: 'snf', named: MAPLE, codes: ['Z78.1'], destination: 'facility', place: 'Maple Grove Skilled Nursing', level: 'A0428', reason: 'restrained patients travel by ambulance' },
  { situation: 'SNF named, behavioural restraint in the notes', disposition: 'snf', named: MAPLE, texts: ['Soft wrist restraints for agitation'], destination: 'facility', place: 'Maple Grove Skilled Nursing', level: 'A0428', reason: 'Behavioural restraint' },
  { situation: 'SNF named, chest tube in the notes (rules cannot read)', disposition: 'snf', named: MAPLE, codes: ['Z74.01'], texts: ['Chest tube to suction'], destination: 'facility', place: 'Maple Grove Skilled Nursing', level: 'T2005', reason: 'Bed confinement', unreadable: 1 },
  { situation: 'Inpatient rehab named, wheelchair', disposition: 'rehab', named: REHAB, codes: ['Z99.3'], destination: 'facility', place: 'Scioto Rehabilitation Hospital', level: 'A0130', reason: 'Wheelchair dependence' },
  { situation: 'Inpatient rehab not named, bed-bound', disposition: 'rehab', codes: ['Z74.01'], destination: 'choose-facility', choices: ['Scioto Rehabilitation Hospital'], level: 'T2005', reason: 'Bed confinement' },
  { situation: 'Long-term acute care not named (none in the directory), ventilator in the notes', disposition: 'long', texts: ['Vent-dependent via trach'], destination: 'choose-facility', choices: [], level: 'A0434', reason: 'Ventilator en route' },
  { situation: 'Hospice facility named, bed-bound on oxygen', disposition: 'hosp', named: HOSPICE, codes: ['Z74.01', 'Z99.81'], destination: 'facility', place: 'Willow House Hospice', level: 'A0428', reason: 'BLS crew gives oxygen' },
  { situation: 'Another hospital, not named (none in the directory), cardiac monitoring', disposition: 'other-hcf', texts: ['Cardiac monitor required'], destination: 'choose-facility', choices: [], level: 'A0426', reason: 'Cardiac monitoring en route' },
  { situation: 'Another hospital, not named, isolation and bariatric (Z68.45, Z16.11)', disposition: 'other-hcf', codes: ['Z68.45', 'Z16.11'], destination: 'choose-facility', choices: [], level: 'A0100', reason: 'bariatric' },
  { situation: 'Expired', disposition: 'exp', destination: 'no-transport', level: 'A0100', reason: 'No mobility or clinical needs' },
  { situation: 'No disposition on the chart, wheelchair', codes: ['Z99.3'], destination: 'ask', place: 'Home', level: 'A0130', reason: 'Wheelchair dependence' },
  { situation: 'Unknown disposition code, bed-bound', disposition: 'oth', codes: ['Z74.01'], destination: 'ask', place: 'Home', level: 'T2005', reason: 'Bed confinement' },
  { situation: 'Home, wheelchair and cardiac monitoring: the highest need wins', disposition: 'home', codes: ['Z99.3'], texts: ['Cardiac monitoring during transfer'], destination: 'home', place: 'Home', level: 'A0426', reason: 'Cardiac monitoring en route' },
];

describe('the right service from the chart (disposition × needs)', () => {
  it('has at least 30 situations', () => expect(SITUATIONS.length).toBeGreaterThanOrEqual(30));

  it.each(SITUATIONS)('$situation', (row) => {
    const dest = proposeDestination({ disposition: row.disposition ? { code: row.disposition } : undefined, destination: row.named, home: HOME, facilities: FACILITIES });
    expect(dest.kind).toBe(row.destination);
    expect(dest.place?.name).toBe(row.place);
    expect(dest.reason).toMatch(/\w/);
    if (row.destination === 'choose-facility') expect(dest.choices.map((c) => c.name)).toEqual(row.choices);
    const level = proposeLevelFromChart({ codes: row.codes ?? [], texts: row.texts ?? [] });
    expect(level.level).toBe(row.level);
    expect(level.reason).toContain(row.reason);
    expect(level.unreadable).toHaveLength(row.unreadable ?? 0);
    if (row.oxygen) expect(level.oxygen).toEqual(row.oxygen);
  });
});

describe('the level never sits below a need, and the vendor flags follow', () => {
  it('ALS and specialty care ask for a stretcher, not a wheelchair', () => {
    const p = proposeLevelFromChart({ codes: ['Z99.3'], texts: ['Cardiac monitoring during transfer'] });
    expect(p.flags).toContain('stretcher');
    expect(p.flags).not.toContain('wheelchair');
  });
  it('a portable oxygen supply becomes an order need with its flow rate', () => {
    expect(proposeLevelFromChart({ codes: ['Z99.81'], texts: ['O2 3L NC; portable tank needed for the ride'] }).needs).toContain('portable oxygen for the ride at 3 L/min');
  });
});

describe('a drop-off that contradicts the disposition', () => {
  const snf = proposeDestination({ disposition: { code: 'snf' }, destination: MAPLE, home: HOME, facilities: FACILITIES });
  const unnamed = proposeDestination({ disposition: { code: 'snf' }, home: HOME, facilities: FACILITIES });
  const home = proposeDestination({ disposition: { code: 'home' }, home: HOME, facilities: FACILITIES });
  it('home for a facility disposition is a conflict', () => {
    expect(dropoffConflict(snf, HOME.address, HOME.address)).toMatch(/skilled nursing facility, but the drop-off is the patient's home/);
    expect(dropoffConflict(unnamed, HOME.address, HOME.address)).toMatch(/patient's home/);
  });
  it('the named facility, or a directory facility of the type when none is named, is not', () => {
    expect(dropoffConflict(snf, MAPLE.address, HOME.address)).toBeUndefined();
    expect(dropoffConflict(unnamed, RIVER.address, HOME.address)).toBeUndefined();
    expect(dropoffConflict(unnamed, REHAB.address, HOME.address)).toMatch(/not a skilled nursing facility/);
  });
  it('a facility for a home disposition is a conflict', () => {
    expect(dropoffConflict(home, MAPLE.address, HOME.address)).toMatch(/not the home address/);
    expect(dropoffConflict(home, { ...HOME.address, line: ['12 elm st.'] }, HOME.address)).toBeUndefined();
  });
  it('the disposition is said in words', () => {
    expect(snf.dispositionWords).toBe('Skilled nursing facility');
    expect(proposeDestination({ disposition: { code: 'hh' }, home: HOME, facilities: [] }).dispositionWords).toBe('Home with home health services');
  });
});

describe('the reason names the needs it read', () => {
  it('needs that keep the patient in a taxi are still named, not "no needs"', () => {
    expect(proposeLevelFromChart({ codes: ['Z22.322'], texts: [] }).reason).toBe('MRSA carrier (Z22.322): contact precautions: ambulatory (taxi) (A0100).');
  });
});
