// One patient's chart: Patient, inpatient Encounter, Conditions, Coverage,
// discharge order and home Location, consistent with the patient's story.
import type { Condition, Coverage, Encounter, Location, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { EXTENSIONS, MOBILITY_CONDITIONS, SNOMED, SYSTEMS } from '../../shared/fhir/codes';
import { DAY, at, cc, int, iso, pick, ref, type SeedContext } from './context';
import { CITY, HOSPITAL_ORG, PAYERS, POSTAL_CODES, STATE, roleOf, type Staff } from './hospital';
import type { Disposition, Story } from './stories';

const CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
const DISPOSITION_DISPLAY: Record<Disposition, string> = {
  home: 'Home', hh: 'Home with home health services', snf: 'Skilled nursing facility',
};
const TOWN: Record<string, string> = { '43123': 'Grove City', '43068': 'Reynoldsburg' };
/** Patients whose chart records Spanish as their language (Patient.communication): texts reach them in Spanish. */
const SPANISH_SPEAKERS = new Set(['pat-028']);

export const SNF_LOCATIONS = [
  { id: 'loc-snf-1', name: 'Maple Grove Skilled Nursing', line: '1200 Maple Grove Rd', postalCode: '43229' },
  { id: 'loc-snf-2', name: 'Riverbend Rehabilitation Center', line: '88 Riverbend Dr', postalCode: '43123' },
] as const;

/** Other facilities a patient can be discharged to (no current patient is sent there; the form lists them by type). */
const OTHER_FACILITIES = [
  { id: 'loc-irf-1', name: 'Scioto Rehabilitation Hospital', line: '400 Scioto Pkwy', postalCode: '43215', type: ['RH', 'Rehabilitation hospital'] },
  { id: 'loc-hospice-1', name: 'Willow House Hospice', line: '9 Willow Ln', postalCode: '43220', type: ['HOSPICE', 'Hospice facility'] },
  { id: 'loc-ltac-1', name: 'Olentangy Long-Term Acute Care', line: '2500 Olentangy River Rd', postalCode: '43201', type: ['LTAC', 'Long-term acute care hospital'] },
] as const;

export function seedDestinations(ctx: SeedContext): void {
  for (const s of [...SNF_LOCATIONS.map((x) => ({ ...x, type: ['SNF', 'Skilled nursing facility'] as const })), ...OTHER_FACILITIES]) {
    ctx.add<Location>({
      resourceType: 'Location', id: s.id, status: 'active', name: s.name, mode: 'instance',
      type: [cc(SYSTEMS.locationType, s.type[0], s.type[1])],
      address: { line: [s.line], city: TOWN[s.postalCode] ?? CITY, state: STATE, postalCode: s.postalCode, country: 'US' },
    });
  }
}

export interface ChartInput {
  key: string;
  story: Story;
  staff: Staff;
  index: number;
  admit: Date;
  /** Planned (current) or actual (historical) discharge. */
  discharge: Date;
  current: boolean;
  /** When the discharge order was signed; none = no order yet. */
  orderAt?: Date;
  bedId?: string;
  unitId?: string;
  /** Encounter.hospitalization.destination: the facility a facility disposition goes to. */
  destination?: string;
}

export interface Chart {
  patientId: string;
  encounterId: string;
  coverageId: string;
  dxConditionId: string;
  mobilityConditionIds: string[];
  homeLocationId: string;
  postalCode: string;
  dischargeOrderId?: string;
  attendingRole: string;
  name: string;
}

export function seedChart(ctx: SeedContext, input: ChartInput): Chart {
  const { key, story } = input;
  const sex = ctx.f.person.sex() as 'female' | 'male';
  const given = ctx.f.person.firstName(sex);
  const family = ctx.f.person.lastName();
  const postalCode = pick(ctx, POSTAL_CODES);
  const address = { use: 'home' as const, type: 'physical' as const, line: [ctx.f.location.streetAddress()], city: TOWN[postalCode] ?? CITY, state: STATE, postalCode, country: 'US' };
  const patientId = `pat-${key}`;
  const birthDate = ctx.f.date.birthdate({ mode: 'age', min: story.ageRange[0], max: story.ageRange[1] }).toISOString().slice(0, 10);
  ctx.add<Patient>({
    resourceType: 'Patient', id: patientId, active: true,
    identifier: [{ use: 'usual', type: cc('http://terminology.hl7.org/CodeSystem/v2-0203', 'MR', 'Medical record number'), system: SYSTEMS.mrn, value: `MRN${String(100000 + input.index * 37 + (input.current ? 0 : 500000))}` }],
    name: [{ use: 'official', given: [given], family }], gender: sex, birthDate,
    telecom: [{ system: 'phone', value: `614-555-${String(int(ctx, 1000, 9999))}`, use: 'mobile' }],
    address: [address],
    ...(SPANISH_SPEAKERS.has(patientId) ? { communication: [{ language: cc('urn:ietf:bcp:47', 'es', 'Spanish'), preferred: true }] } : {}),
  });
  const homeLocationId = `loc-home-${key}`;
  ctx.add<Location>({
    resourceType: 'Location', id: homeLocationId, status: 'active', name: `Home of ${given} ${family}`, mode: 'instance',
    type: [cc(SYSTEMS.locationType, 'PTRES', "Patient's Residence")], address,
  });
  const dxConditionId = `cond-${key}-dx`;
  condition(ctx, dxConditionId, patientId, input, story.dx.code, story.dx.display, 'encounter-diagnosis');
  const mobilityConditionIds = story.mobility.map((code) => {
    const id = `cond-${key}-${code.toLowerCase().replace('.', '-')}`;
    condition(ctx, id, patientId, input, code, MOBILITY_CONDITIONS[code], 'problem-list-item');
    return id;
  });
  const payer = story.ageRange[0] >= 60 || ctx.f.datatype.boolean(0.3) ? PAYERS[0] : pick(ctx, PAYERS.slice(1));
  const coverageId = `cov-${key}`;
  ctx.add<Coverage>({
    resourceType: 'Coverage', id: coverageId, status: 'active', beneficiary: ref('Patient', patientId),
    subscriberId: `${payer.id.toUpperCase().replace(/-/g, '')}-${int(ctx, 100000, 999999)}`,
    payor: [ref('Organization', payer.id, payer.name)], relationship: cc('http://terminology.hl7.org/CodeSystem/subscriber-relationship', 'self'),
    class: [{ type: cc('http://terminology.hl7.org/CodeSystem/coverage-class', 'plan'), value: payer.id, name: payer.plan }],
  });
  const attendingRole = roleOf(input.staff, 'attending', input.index);
  const encounterId = `enc-${key}`;
  ctx.add(encounter(ctx, input, encounterId, patientId, attendingRole));
  let dischargeOrderId: string | undefined;
  if (input.orderAt) {
    dischargeOrderId = `dord-${key}`;
    ctx.add<ServiceRequest>({
      resourceType: 'ServiceRequest', id: dischargeOrderId, status: input.current ? 'active' : 'completed', intent: 'order',
      code: cc(SYSTEMS.snomed, SNOMED.dischargeOrder.code, SNOMED.dischargeOrder.display),
      subject: ref('Patient', patientId), encounter: ref('Encounter', encounterId), authoredOn: iso(input.orderAt),
      occurrenceDateTime: iso(input.discharge), requester: ref('PractitionerRole', attendingRole),
      note: [{ text: `Discharge to ${DISPOSITION_DISPLAY[story.disposition].toLowerCase()}` }],
    });
  }
  return { patientId, encounterId, coverageId, dxConditionId, mobilityConditionIds, homeLocationId, postalCode, dischargeOrderId, attendingRole, name: `${given} ${family}` };
}

function condition(ctx: SeedContext, id: string, patientId: string, input: ChartInput, code: string, display: string, category: string): void {
  ctx.add<Condition>({
    resourceType: 'Condition', id,
    clinicalStatus: cc(CLINICAL, 'active'), verificationStatus: cc(VERIFICATION, 'confirmed'),
    category: [cc(CATEGORY, category)], code: cc(SYSTEMS.icd10cm, code, display),
    subject: ref('Patient', patientId), encounter: ref('Encounter', `enc-${input.key}`),
    onsetDateTime: iso(category === 'encounter-diagnosis' ? input.admit : at(input.admit, -int(ctx, 60, 1500) * DAY)),
    recordedDate: iso(input.admit),
  });
}

function encounter(ctx: SeedContext, input: ChartInput, id: string, patientId: string, attendingRole: string): Encounter {
  const { story } = input;
  const location = input.bedId ?? input.unitId;
  return {
    resourceType: 'Encounter', id, status: input.current ? 'in-progress' : 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
    subject: ref('Patient', patientId),
    period: input.current ? { start: iso(input.admit) } : { start: iso(input.admit), end: iso(input.discharge) },
    reasonCode: [cc(SYSTEMS.icd10cm, story.dx.code, story.dx.display)],
    participant: [{ type: [cc('http://terminology.hl7.org/CodeSystem/v3-ParticipationType', 'ATND', 'attender')], individual: ref('PractitionerRole', attendingRole) }],
    ...(location ? { location: [{ location: ref('Location', location), status: input.current ? 'active' : 'completed' }] } : {}),
    hospitalization: {
      dischargeDisposition: cc(SYSTEMS.dischargeDisposition, story.disposition, DISPOSITION_DISPLAY[story.disposition]),
      ...(input.destination ? { destination: ref('Location', input.destination) } : {}),
    },
    serviceProvider: ref('Organization', HOSPITAL_ORG),
    extension: [
      { url: EXTENSIONS.plannedDischarge, valueDateTime: iso(input.discharge) },
      { url: EXTENSIONS.mobilityNotes, valueString: story.notes },
    ],
  };
}
