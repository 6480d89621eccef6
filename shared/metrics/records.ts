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

/**
 * What a parsed resource becomes: its record (an object), a refusal (the
 * reason, a string), or nothing we measure (undefined). No wrapper object:
 * this runs once per resource.
 */
export type Mapped<R extends object> = R | string | undefined;
const IGNORE = undefined;

function bookingId(identifier: { system?: string; value?: string }[] | undefined): string | undefined {
  if (identifier) for (const i of identifier) if (i.system === SYSTEMS.bookingId) return i.value;
  return undefined;
}

function serviceTypeOf(sr: ServiceRequestIn): ServiceType | undefined {
  const categories = sr.category;
  if (categories) {
    for (const c of categories) {
      const code = codeIn(c, SYSTEMS.serviceType);
      if (code !== undefined && (SERVICE_TYPES as readonly string[]).includes(code)) return code as ServiceType;
    }
  }
  // Older bookings may lack the category; the order code still says what it is.
  if (hasCoding(sr.code, SYSTEMS.snomed, SNOMED.homeHealthReferral.code)) return 'home-health';
  const hcpcs = codeIn(sr.code, SYSTEMS.hcpcs);
  return hcpcs && hcpcs in TRANSPORT_LEVELS ? 'transport' : undefined;
}

/** A ServiceRequest is either a booking (it has a serviceType) or the discharge order that starts the clock. */
export type ServiceRequestRec = RequestRec | DischargeOrderRec;
export const isBooking = (r: ServiceRequestRec): r is RequestRec => 'serviceType' in r;

export function toServiceRequest(sr: ServiceRequestIn): Mapped<ServiceRequestRec> {
  const ref = `ServiceRequest/${sr.id}`;
  const encounter = refOf(sr.encounter);
  const authoredOn = toMs(sr.authoredOn);
  if (hasCoding(sr.code, SYSTEMS.snomed, SNOMED.dischargeOrder.code)) {
    return { ref, encounter, authoredOn };
  }
  const serviceType = serviceTypeOf(sr);
  if (!serviceType) return IGNORE; // a lab order or similar: not a logistics booking
  return { ref, bookingId: bookingId(sr.identifier), serviceType, encounter, patient: refOf(sr.subject), authoredOn };
}

export function toDeviceRequest(dr: DeviceRequestIn): Mapped<RequestRec> {
  return {
    ref: `DeviceRequest/${dr.id}`, bookingId: bookingId(dr.identifier), serviceType: 'dme',
    encounter: refOf(dr.encounter), patient: refOf(dr.subject), authoredOn: toMs(dr.authoredOn),
  };
}

export function toTask(t: TaskIn): Mapped<TaskRec> {
  // Only vendor attempts count; workflow steps (notify patient, ...) are not measured.
  if (!hasCoding(t.code, SYSTEMS.taskCode, 'fulfill')) return IGNORE;
  const focus = refOf(t.focus);
  if (!isRefTo(focus, 'ServiceRequest', 'DeviceRequest') || !focus) {
    return 'vendor Task without focus on a ServiceRequest/DeviceRequest';
  }
  const owner = refOf(t.owner);
  const appointment = t.output?.find((o) => codeIn(o.type, SYSTEMS.taskParam) === 'appointment');
  return {
    ref: `Task/${t.id}`, focus, owner: isRefTo(owner, 'Organization') ? owner : undefined,
    patient: refOf(t.for), status: t.status, milestone: codeIn(t.businessStatus, SYSTEMS.milestone),
    authoredOn: toMs(t.authoredOn), appointment: refOf(appointment?.valueReference),
  };
}

export function toMilestone(p: ProvenanceIn): Mapped<MilestoneRec> {
  const code = codeIn(p.activity, SYSTEMS.milestone);
  if (!code) return IGNORE; // a Provenance for something other than a milestone change
  const targets: string[] = [];
  for (const t of p.target) {
    const r = refOf(t);
    if (r && isRefTo(r, 'Task')) targets.push(r);
  }
  if (targets.length === 0) return 'milestone Provenance without a Task target';
  return { targets, code, at: toMs(p.recorded) };
}

export function toAppointment(a: AppointmentIn): Mapped<AppointmentRec> {
  let patientAccepted = false;
  for (const p of a.participant ?? []) if (p.status === 'accepted' && isRefTo(refOf(p.actor), 'Patient')) patientAccepted = true;
  return {
    ref: `Appointment/${a.id}`, basedOn: refsOf(a.basedOn), status: a.status, start: toMs(a.start), patientAccepted,
  };
}

export function toCommunication(c: CommunicationIn): Mapped<CommunicationRec> {
  const subject = refOf(c.subject);
  const recipients = refsOf(c.recipient);
  if (subject && !recipients.includes(subject)) recipients.push(subject);
  return {
    ref: `Communication/${c.id}`, completed: c.status === 'completed', sender: refOf(c.sender),
    recipients, basedOn: refsOf(c.about, refsOf(c.basedOn)), sent: toMs(c.sent),
  };
}
