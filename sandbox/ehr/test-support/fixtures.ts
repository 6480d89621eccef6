// A small chart shaped per docs/fhir-model.md, for the EHR UI's tests and screenshots.
import { EXTENSIONS, SNOMED, SYSTEMS } from '../../../shared/fhir/codes';

export type FhirJson = { resourceType: string; id: string } & Record<string, unknown>;

const ref = (reference: string, display?: string) => (display ? { reference, display } : { reference });
const cc = (system: string, code: string, display?: string) => ({ coding: [{ system, code, ...(display ? { display } : {}) }], ...(display ? { text: display } : {}) });

/** Hospital, unit, staff, payer and vendor: what every patient chart points at. */
export function buildFacility(): FhirJson[] {
  return [
    { resourceType: 'Location', id: 'loc-hosp', name: 'General Hospital', address: { line: ['1 Hospital Way'], city: 'Springfield', state: 'IL', postalCode: '62701' } },
    { resourceType: 'Location', id: 'loc-4w', name: '4 West', partOf: ref('Location/loc-hosp') },
    { resourceType: 'Practitioner', id: 'prac-cm-1', name: [{ family: 'Okafor', given: ['Ada'] }] },
    { resourceType: 'PractitionerRole', id: 'role-cm-1', practitioner: ref('Practitioner/prac-cm-1'), code: [cc(SYSTEMS.practitionerRole, 'case-manager', 'Case manager')] },
    { resourceType: 'Practitioner', id: 'prac-rn-1', name: [{ family: 'Lindqvist', given: ['Jonas'] }] },
    { resourceType: 'PractitionerRole', id: 'role-rn-1', practitioner: ref('Practitioner/prac-rn-1'), code: [cc(SYSTEMS.practitionerRole, 'discharge-nurse', 'Discharge nurse')] },
    { resourceType: 'Organization', id: 'org-payer', name: 'Prairie Health Plan' },
    { resourceType: 'Organization', id: 'org-van', name: 'Sunrise Wheelchair Van', type: [cc(SYSTEMS.nucc, '343900000X')] },
  ];
}

export interface PatientSpec {
  id: string;
  family: string;
  given: string;
  mrn: string;
  bed: string;
  disposition: 'home' | 'hh' | 'snf';
  plannedDischarge: string;
  mobilityNotes?: string;
  withDischargeOrder?: boolean;
  withBooking?: boolean;
}

const DISPOSITIONS = { home: 'Home', hh: 'Home health', snf: 'Skilled nursing facility' } as const;

export function buildPatientChart(p: PatientSpec): FhirJson[] {
  const pt = `Patient/${p.id}`;
  const enc = `enc-${p.id}`;
  const out: FhirJson[] = [
    {
      resourceType: 'Patient', id: p.id, identifier: [{ system: SYSTEMS.mrn, value: p.mrn }],
      name: [{ use: 'official', family: p.family, given: [p.given] }], birthDate: '1948-03-14', gender: 'female',
      telecom: [{ system: 'phone', value: '555-0100' }],
      address: [{ use: 'home', line: ['22 Elm St', 'Apt 3'], city: 'Springfield', state: 'IL', postalCode: '62704' }],
    },
    { resourceType: 'Location', id: `bed-${p.id}`, name: p.bed, physicalType: cc(SYSTEMS.locationType, 'bd'), partOf: ref('Location/loc-4w') },
    {
      resourceType: 'Encounter', id: enc, status: 'in-progress', identifier: [{ system: 'http://hospital.example.org/sid/visit', value: `V-${p.mrn}` }],
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' }, subject: ref(pt),
      period: { start: '2025-03-10T08:30:00Z' }, location: [{ location: ref(`Location/bed-${p.id}`) }],
      hospitalization: { dischargeDisposition: cc(SYSTEMS.dischargeDisposition, p.disposition, DISPOSITIONS[p.disposition]) },
      participant: [{ individual: ref('Practitioner/prac-rn-1') }],
      extension: [
        { url: EXTENSIONS.plannedDischarge, valueDateTime: p.plannedDischarge },
        ...(p.mobilityNotes ? [{ url: EXTENSIONS.mobilityNotes, valueString: p.mobilityNotes }] : []),
      ],
    },
    { resourceType: 'Condition', id: `cond-${p.id}`, subject: ref(pt), clinicalStatus: cc('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active', 'Active'), code: cc(SYSTEMS.icd10cm, 'Z99.3', 'Dependence on wheelchair') },
    { resourceType: 'Coverage', id: `cov-${p.id}`, status: 'active', beneficiary: ref(pt), subscriberId: `M-${p.mrn}`, payor: [ref('Organization/org-payer')], class: [{ type: cc('http://terminology.hl7.org/CodeSystem/coverage-class', 'plan'), value: 'PHP-GOLD', name: 'Gold Medicare Advantage' }] },
    { resourceType: 'Goal', id: `goal-${p.id}`, subject: ref(pt), lifecycleStatus: 'active', achievementStatus: cc('http://terminology.hl7.org/CodeSystem/goal-achievement', 'in-progress', 'In progress'), description: { text: 'Home safely with transport arranged' }, target: [{ detailString: 'Transport booked', dueDate: p.plannedDischarge.slice(0, 10) }] },
    { resourceType: 'CareTeam', id: `team-${p.id}`, status: 'active', subject: ref(pt), participant: [
      { role: [cc(SYSTEMS.practitionerRole, 'case-manager', 'Case manager')], member: ref('PractitionerRole/role-cm-1') },
      { role: [cc(SYSTEMS.practitionerRole, 'discharge-nurse', 'Discharge nurse')], member: ref('PractitionerRole/role-rn-1') },
    ] },
    { resourceType: 'CarePlan', id: `plan-${p.id}`, status: 'active', intent: 'plan', title: 'Discharge plan', subject: ref(pt), goal: [ref(`Goal/goal-${p.id}`)], careTeam: [ref(`CareTeam/team-${p.id}`)],
      activity: [
        { detail: { kind: 'Task', status: 'in-progress', description: 'Confirm caregiver at home', scheduledPeriod: { start: p.plannedDischarge } } },
        ...(p.withBooking ? [{ reference: ref(`ServiceRequest/sr-van-${p.id}`) }] : []),
      ] },
  ];
  if (p.withDischargeOrder) {
    out.push({ resourceType: 'ServiceRequest', id: `sr-dc-${p.id}`, status: 'active', intent: 'order', code: cc(SYSTEMS.snomed, SNOMED.dischargeOrder.code, SNOMED.dischargeOrder.display), subject: ref(pt), encounter: ref(`Encounter/${enc}`), authoredOn: '2025-03-13T15:00:00Z', occurrenceDateTime: p.plannedDischarge, requester: ref('PractitionerRole/role-cm-1') });
  }
  if (p.withBooking) {
    out.push(
      { resourceType: 'ServiceRequest', id: `sr-van-${p.id}`, identifier: [{ system: SYSTEMS.bookingId, value: `b-${p.id}` }], status: 'active', intent: 'order', category: [cc(SYSTEMS.serviceType, 'transport', 'Transport')], code: cc(SYSTEMS.hcpcs, 'A0130', 'Wheelchair van'), subject: ref(pt), encounter: ref(`Encounter/${enc}`), authoredOn: '2025-03-13T16:00:00Z', occurrencePeriod: { start: p.plannedDischarge, end: p.plannedDischarge }, performer: [ref('Organization/org-van')] },
      { resourceType: 'Task', id: `task-van-${p.id}`, status: 'accepted', intent: 'order', businessStatus: cc(SYSTEMS.milestone, 'booked'), focus: ref(`ServiceRequest/sr-van-${p.id}`), for: ref(pt), lastModified: '2025-03-13T16:05:00Z', owner: ref('Organization/org-van') },
    );
  }
  return out;
}

/** Two inpatients on 4 West: one ready to go (order + booking), one not yet ordered. */
export function buildWard(): FhirJson[] {
  return [
    ...buildFacility(),
    ...buildPatientChart({ id: 'pat-1', family: 'Nguyen', given: 'Mai', mrn: 'MRN-1001', bed: '4W-12A', disposition: 'home', plannedDischarge: '2025-03-14T15:00:00Z', mobilityNotes: 'Wheelchair; needs assist with transfers', withDischargeOrder: true, withBooking: true }),
    ...buildPatientChart({ id: 'pat-2', family: 'Alvarez', given: 'Rosa', mrn: 'MRN-1002', bed: '4W-14B', disposition: 'hh', plannedDischarge: '2025-03-15T11:30:00Z', mobilityNotes: 'Walker; oxygen 2 L' }),
  ];
}
