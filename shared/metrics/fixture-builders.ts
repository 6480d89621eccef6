// Builders for FHIR resources in the shape of docs/fhir-model.md, used by the
// test fixture and the synthetic benchmark data. Plain objects, as a server returns them.
import { SNOMED, SYSTEMS, type Milestone, type ServiceType } from '../fhir/codes';

const ref = (reference: string) => ({ reference });
const ident = (value: string) => [{ system: SYSTEMS.bookingId, value }];

const SERVICE_CODE: Record<Exclude<ServiceType, 'dme'>, { system: string; code: string }> = {
  transport: { system: SYSTEMS.hcpcs, code: 'A0130' },
  'home-health': { system: SYSTEMS.snomed, code: SNOMED.homeHealthReferral.code },
};

export function dischargeOrder(id: string, encounter: string, patient: string, authoredOn?: string) {
  return {
    resourceType: 'ServiceRequest', id, status: 'active', intent: 'order',
    code: { coding: [{ system: SYSTEMS.snomed, code: SNOMED.dischargeOrder.code }] },
    subject: ref(patient), encounter: ref(encounter), authoredOn,
  };
}

export function bookingRequest(id: string, type: ServiceType, encounter: string, patient: string, authoredOn?: string) {
  const common = {
    id, identifier: ident(`b-${id}`), status: 'active', intent: 'order',
    subject: ref(patient), encounter: ref(encounter), authoredOn,
  };
  if (type === 'dme') {
    return { resourceType: 'DeviceRequest', ...common, codeCodeableConcept: { coding: [{ system: SYSTEMS.hcpcs, code: 'E1390' }] } };
  }
  return {
    resourceType: 'ServiceRequest', ...common,
    category: [{ coding: [{ system: SYSTEMS.serviceType, code: type }] }],
    code: { coding: [SERVICE_CODE[type]] },
  };
}

export interface TaskSpec {
  id: string;
  focus: string;
  owner: string;
  patient: string;
  status: string;
  milestone?: Milestone;
  authoredOn?: string;
  appointment?: string;
}

export function vendorTask(t: TaskSpec) {
  return {
    resourceType: 'Task', id: t.id, identifier: ident(`t-${t.id}`), status: t.status, intent: 'order',
    businessStatus: t.milestone ? { coding: [{ system: SYSTEMS.milestone, code: t.milestone }] } : undefined,
    code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] },
    focus: ref(t.focus), for: ref(t.patient), authoredOn: t.authoredOn, owner: ref(t.owner),
    output: t.appointment
      ? [{ type: { coding: [{ system: SYSTEMS.taskParam, code: 'appointment' }] }, valueReference: ref(t.appointment) }]
      : undefined,
  };
}

export function milestone(id: string, task: string, code: Milestone, recorded?: string, who = 'Organization/unknown') {
  return {
    resourceType: 'Provenance', id, target: [ref(task)], recorded,
    activity: { coding: [{ system: SYSTEMS.milestone, code }] },
    agent: [{ who: ref(who) }],
  };
}

export function appointment(id: string, request: string, patient: string, start: string | undefined, patientStatus: string) {
  return {
    resourceType: 'Appointment', id, status: 'booked', basedOn: [ref(request)], start,
    participant: [{ actor: ref(patient), status: patientStatus }],
  };
}

export function communication(id: string, opts: { to: string; basedOn?: string; sender?: string; sent?: string; status?: string }) {
  return {
    resourceType: 'Communication', id, status: opts.status ?? 'completed',
    subject: ref(opts.to), recipient: [ref(opts.to)],
    basedOn: opts.basedOn ? [ref(opts.basedOn)] : undefined,
    sender: opts.sender ? ref(opts.sender) : undefined, sent: opts.sent,
    payload: [{ contentString: 'Your ride is booked.' }],
  };
}

export function organization(id: string, name: string) {
  return { resourceType: 'Organization', id, name, active: true };
}
