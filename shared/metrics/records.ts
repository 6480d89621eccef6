// Flat, join-ready records made from parsed FHIR: references normalised to
// "Type/id" and times as epoch ms, so the joins and metrics never re-read FHIR.
import { SERVICE_TYPES, SNOMED, SYSTEMS, TRANSPORT_LEVELS, type ServiceType } from '../fhir/codes';
import { codeIn, hasCoding, isRefTo, refOf, refsOf, toMs } from './fhir-refs';
import type {
  AppointmentIn, CommunicationIn, DeviceRequestIn, ProvenanceIn, ServiceRequestIn, TaskIn,
} from './schemas';

export interface RequestRec {
  ref: string;
  bookingId?: string;
  serviceType: ServiceType;
  encounter?: string;
  patient?: string;
  authoredOn?: number;
}
export interface DischargeOrderRec { ref: string; encounter?: string; authoredOn?: number }
export interface TaskRec {
  ref: string;
  focus: string;
  owner?: string;
  patient?: string;
  status: string;
  milestone?: string;
  authoredOn?: number;
  appointment?: string;
}
export interface MilestoneRec { targets: string[]; code: string; at?: number }
export interface AppointmentRec { ref: string; basedOn: string[]; status: string; start?: number; patientAccepted: boolean }
export interface CommunicationRec {
  ref: string;
  completed: boolean;
  sender?: string;
  recipients: string[];
  basedOn: string[];
  sent?: number;
}

/** What a parsed resource becomes: a record, a refusal with a reason, or nothing we measure. */
export type Mapped<R> = { kind: 'record'; record: R } | { kind: 'skip'; reason: string } | { kind: 'ignore' };
const record = <R>(r: R): Mapped<R> => ({ kind: 'record', record: r });
const IGNORE = { kind: 'ignore' } as const;

function bookingId(identifier: { system?: string; value?: string }[] | undefined): string | undefined {
  if (identifier) for (const i of identifier) if (i.system === SYSTEMS.bookingId) return i.value;
  return undefined;
}

function serviceTypeOf(sr: ServiceRequestIn): ServiceType | undefined {
  for (const c of sr.category ?? []) {
    const code = codeIn(c, SYSTEMS.serviceType);
    const known = SERVICE_TYPES.find((t) => t === code);
    if (known) return known;
  }
  // Older bookings may lack the category; the order code still says what it is.
  if (hasCoding(sr.code, SYSTEMS.snomed, SNOMED.homeHealthReferral.code)) return 'home-health';
  const hcpcs = codeIn(sr.code, SYSTEMS.hcpcs);
  return hcpcs && hcpcs in TRANSPORT_LEVELS ? 'transport' : undefined;
}

/** A ServiceRequest is either a booking or the discharge order that starts the clock. */
export type ServiceRequestRec = { kind: 'booking'; rec: RequestRec } | { kind: 'discharge'; rec: DischargeOrderRec };

export function toServiceRequest(sr: ServiceRequestIn): Mapped<ServiceRequestRec> {
  const ref = `ServiceRequest/${sr.id}`;
  const encounter = refOf(sr.encounter);
  const authoredOn = toMs(sr.authoredOn);
  if (hasCoding(sr.code, SYSTEMS.snomed, SNOMED.dischargeOrder.code)) {
    return record({ kind: 'discharge', rec: { ref, encounter, authoredOn } });
  }
  const serviceType = serviceTypeOf(sr);
  if (!serviceType) return IGNORE; // a lab order or similar: not a logistics booking
  return record({
    kind: 'booking',
    rec: { ref, bookingId: bookingId(sr.identifier), serviceType, encounter, patient: refOf(sr.subject), authoredOn },
  });
}

export function toDeviceRequest(dr: DeviceRequestIn): Mapped<RequestRec> {
  return record({
    ref: `DeviceRequest/${dr.id}`, bookingId: bookingId(dr.identifier), serviceType: 'dme',
    encounter: refOf(dr.encounter), patient: refOf(dr.subject), authoredOn: toMs(dr.authoredOn),
  });
}

export function toTask(t: TaskIn): Mapped<TaskRec> {
  // Only vendor attempts count; workflow steps (notify patient, ...) are not measured.
  if (!hasCoding(t.code, SYSTEMS.taskCode, 'fulfill')) return IGNORE;
  const focus = refOf(t.focus);
  if (!isRefTo(focus, 'ServiceRequest', 'DeviceRequest') || !focus) {
    return { kind: 'skip', reason: 'vendor Task without focus on a ServiceRequest/DeviceRequest' };
  }
  const owner = refOf(t.owner);
  const appointment = t.output?.find((o) => codeIn(o.type, SYSTEMS.taskParam) === 'appointment');
  return record({
    ref: `Task/${t.id}`, focus, owner: isRefTo(owner, 'Organization') ? owner : undefined,
    patient: refOf(t.for), status: t.status, milestone: codeIn(t.businessStatus, SYSTEMS.milestone),
    authoredOn: toMs(t.authoredOn), appointment: refOf(appointment?.valueReference),
  });
}

export function toMilestone(p: ProvenanceIn): Mapped<MilestoneRec> {
  const code = codeIn(p.activity, SYSTEMS.milestone);
  if (!code) return IGNORE; // a Provenance for something other than a milestone change
  const targets: string[] = [];
  for (const t of p.target) {
    const r = refOf(t);
    if (r && isRefTo(r, 'Task')) targets.push(r);
  }
  if (targets.length === 0) return { kind: 'skip', reason: 'milestone Provenance without a Task target' };
  return record({ targets, code, at: toMs(p.recorded) });
}

export function toAppointment(a: AppointmentIn): Mapped<AppointmentRec> {
  let patientAccepted = false;
  for (const p of a.participant ?? []) if (p.status === 'accepted' && isRefTo(refOf(p.actor), 'Patient')) patientAccepted = true;
  return record({
    ref: `Appointment/${a.id}`, basedOn: refsOf(a.basedOn), status: a.status, start: toMs(a.start), patientAccepted,
  });
}

export function toCommunication(c: CommunicationIn): Mapped<CommunicationRec> {
  const subject = refOf(c.subject);
  const recipients = refsOf(c.recipient);
  if (subject && !recipients.includes(subject)) recipients.push(subject);
  return record({
    ref: `Communication/${c.id}`, completed: c.status === 'completed', sender: refOf(c.sender),
    recipients, basedOn: refsOf(c.about, refsOf(c.basedOn)), sent: toMs(c.sent),
  });
}
