// FHIR → what a nurse sees: one Booking per ServiceRequest/DeviceRequest, with
// its current vendor attempt, milestone, pickup time, confirmation number,
// checkpoints and timeline.
import { SYSTEMS, STEP_KINDS, TASK_PARAMS, TRANSPORT_LEVELS, DME_ITEMS, type Milestone, type ServiceType } from '../fhir/codes';
import { bookingIdOf, codeIn, hasCode } from '../fhir/refs';
import { noticesOf } from './booking-notices';
import { messageEntries, messageNotices } from './message-timeline';
import type { TAppointment, TCommunication, TDeviceRequest, TOrganization, TProvenance, TQuestionnaireResponse, TServiceRequest, TTask } from '../fhir/schemas';
import { HANDOFF_ACKNOWLEDGED, handoffKindOf, type HandoffKind } from '../fhir/handoff-codes';
import { cancellationOf, handoffTimeline, timelineOf, type Cancellation, type TimelineEntry } from './booking-timeline';

export type { Cancellation, TimelineEntry } from './booking-timeline';

export interface Checkpoints {
  booked: boolean;
  patientNotified: boolean;
  patientConfirmed: boolean;
  /** The receiver acknowledged the SBAR / I-PASS handoff attached to the vendor Task. */
  handoffAcknowledged: boolean;
}

/** The handoff referenced from the current vendor Task's input ("handoff"). */
export interface BookingHandoff {
  /** "QuestionnaireResponse/…". */
  reference: string;
  /** Unknown when the QuestionnaireResponse was not loaded (or is not one of ours). */
  kind?: HandoffKind;
  acknowledged: boolean;
  /** Who wrote it (QuestionnaireResponse.author): they cannot acknowledge their own handoff. */
  author?: string;
}

export interface Booking {
  id: string;
  resourceType: 'ServiceRequest' | 'DeviceRequest';
  bookingId?: string;
  service: ServiceType;
  code?: string;
  label: string;
  requestStatus: string;
  taskId?: string;
  taskVersion?: string;
  taskStatus?: string;
  /** Task.lastModified: how long the vendor has had it (no-answer re-dispatch). */
  taskUpdated?: string;
  milestone?: Milestone | string;
  vendorRef?: string;
  vendorName?: string;
  /** Appointment start if booked, else the requested window start. */
  time?: string;
  timeIsConfirmed: boolean;
  confirmation?: string;
  attempts: number;
  checkpoints: Checkpoints;
  timeline: TimelineEntry[];
  authoredOn?: string;
  /** For If-Match on changes. */
  requestVersion?: string;
  /** What the order asks for (may differ from the vendor's appointment after a reschedule). */
  requestedTime?: string;
  /** Task.restriction.period.end: must be done by (home health: 48 h first visit). */
  dueBy?: string;
  /** Legs of one trip share it (ServiceRequest.requisition). */
  tripId?: string;
  /** Which leg of its trip: the return is the will-call one, else the later one. */
  leg?: 'outbound' | 'return';
  /** A return with no fixed time: the patient or the unit calls when ready. */
  willCall?: boolean;
  /** The order's details (capabilities, disciplines, will-call) as codes, for handoffs. */
  orderDetails?: string[];
  /** The order's note (DME settings such as a flow rate, the vendor's instructions). */
  note?: string;
  /** The requested window's end (DME delivery by). */
  requestedEnd?: string;
  /** Things the owner must know: re-dispatches, a vendor time that differs from the order. */
  notices: string[];
  handoff?: BookingHandoff;
  /** Why and how the current attempt was cancelled, and whether the vendor has acknowledged it. */
  cancellation?: Cancellation;
  /** Every vendor attempt, oldest first: who was asked and how it ended (dead ends list them). */
  tried?: VendorAttempt[];
  /** The current attempt was booked by phone and recorded here (phone-booking.ts), not by the vendor's system. */
  bookedByPhone?: boolean;
}

export interface VendorAttempt {
  vendor?: string;
  status: string;
  milestone?: string;
  reason?: string;
}

export interface BookingSources {
  requests: (TServiceRequest | TDeviceRequest)[];
  tasks: TTask[];
  appointments: TAppointment[];
  provenance: TProvenance[];
  communications: TCommunication[];
  organizations: TOrganization[];
  /** Handoff QuestionnaireResponses of the patient (optional: older callers have none). */
  handoffs?: TQuestionnaireResponse[];
}

export function isVendorTask(task: TTask): boolean {
  return hasCode(task.code, SYSTEMS.taskCode, STEP_KINDS.fulfill);
}

export function serviceOf(request: TServiceRequest | TDeviceRequest): ServiceType | undefined {
  if (request.resourceType === 'DeviceRequest') return 'dme';
  const code = request.category?.map((c) => codeIn(c, SYSTEMS.serviceType)).find(Boolean);
  return code === 'transport' || code === 'home-health' || code === 'dme' ? code : undefined;
}

export function buildBookings(src: BookingSources): Booking[] {
  const orgNames = new Map(src.organizations.map((o) => [`Organization/${o.id}`, o.name ?? 'Vendor']));
  const tasksByRequest = groupBy(src.tasks.filter(isVendorTask), (t) => t.focus?.reference);
  // DME appointments point at their DeviceRequest through supportingInformation (basedOn allows only ServiceRequest in R4).
  const apptByRequest = groupBy(src.appointments, (a) => a.basedOn?.[0]?.reference ?? a.supportingInformation?.find((r) => r.reference?.startsWith('DeviceRequest/'))?.reference);
  const provByTask = groupBy(src.provenance, (p) => p.target[0]?.reference?.replace(/\/_history\/.*$/, ''));
  const commsByRequest = groupBy(src.communications, (c) => c.basedOn?.[0]?.reference);
  const handoffs = new Map((src.handoffs ?? []).map((q) => [`QuestionnaireResponse/${q.id ?? ''}`, q]));
  const out: Booking[] = [];
  for (const request of src.requests) {
    const service = serviceOf(request);
    if (!service || !request.id) continue;
    const ref = `${request.resourceType}/${request.id}`;
    const tasks = (tasksByRequest.get(ref) ?? []).sort(byTime((t) => t.authoredOn));
    const task = tasks.at(-1);
    const appt = (apptByRequest.get(ref) ?? []).filter((a) => a.status !== 'cancelled').sort(byTime((a) => a.meta?.lastUpdated)).at(-1);
    const milestone = codeIn(task?.businessStatus, SYSTEMS.milestone);
    const requestedTime = request.occurrencePeriod?.start;
    // A reschedule the vendor has not confirmed yet: show the asked-for time, unconfirmed.
    const awaitingVendor = milestone === 'reschedule-requested';
    const handoff = handoffOf(task, handoffs, src.provenance);
    const cancellation = task ? cancellationOf(task, provByTask.get(`Task/${task.id ?? ''}`) ?? []) : undefined;
    out.push({
      id: request.id,
      resourceType: request.resourceType,
      bookingId: bookingIdOf(request),
      service,
      code: codeOfRequest(request),
      label: labelOf(service, codeOfRequest(request)),
      requestStatus: request.status,
      taskId: task?.id,
      taskVersion: task?.meta?.versionId,
      taskStatus: task?.status,
      taskUpdated: task?.lastModified ?? task?.authoredOn,
      milestone,
      vendorRef: task?.owner?.reference,
      vendorName: task?.owner?.reference ? orgNames.get(task.owner.reference) ?? task.owner.display : undefined,
      time: awaitingVendor ? requestedTime ?? appt?.start : appt?.start ?? requestedTime,
      timeIsConfirmed: Boolean(appt?.start) && !awaitingVendor,
      confirmation: task?.output?.find((o) => codeIn(o.type, SYSTEMS.taskParam) === TASK_PARAMS.confirmationNumber)?.valueString,
      attempts: tasks.length,
      checkpoints: { ...checkpointsOf(task, appt, commsByRequest.get(ref) ?? []), handoffAcknowledged: handoff?.acknowledged ?? false },
      timeline: [
        ...tasks.flatMap((t) => timelineOf(provByTask.get(`Task/${t.id}`) ?? [], orgNames)),
        ...handoffTimeline(tasks, handoffs, src.provenance),
        ...messageEntries(commsByRequest.get(ref) ?? []),
      ].sort(byTime((e) => e.at)),
      authoredOn: request.authoredOn,
      requestVersion: request.meta?.versionId,
      requestedTime,
      dueBy: task?.restriction?.period?.end,
      tripId: request.resourceType === 'ServiceRequest' ? request.requisition?.value : undefined,
      willCall: request.resourceType === 'ServiceRequest' && (request.orderDetail ?? []).some((d) => codeIn(d, SYSTEMS.capability) === 'will-call'),
      ...orderExtras(request),
      notices: [...noticesOf(tasks, orgNames, awaitingVendor ? undefined : appt?.start, requestedTime), ...messageNotices(commsByRequest.get(ref) ?? [])],
      ...(handoff ? { handoff } : {}),
      ...(cancellation ? { cancellation } : {}),
      tried: tasks.map((t) => ({ vendor: t.owner?.reference, status: t.status, milestone: codeIn(t.businessStatus, SYSTEMS.milestone), reason: t.statusReason?.text })),
      ...(bookedByPhone(task) ? { bookedByPhone: true } : {}),
    });
  }
  markLegs(out);
  return out.sort(byTime((b) => b.time)).reverse();
}

/** In each trip, the first leg by requested time is outbound; a will-call leg is always a return. */
function markLegs(bookings: Booking[]): void {
  const trips = new Map<string, Booking[]>();
  for (const b of bookings) if (b.tripId) trips.set(b.tripId, [...(trips.get(b.tripId) ?? []), b]);
  for (const legs of trips.values()) {
    if (legs.length < 2) continue;
    const order = (b: Booking) => (b.willCall ? Infinity : Date.parse(b.requestedTime ?? '') || Infinity);
    legs.sort((a, b) => order(a) - order(b));
    legs.forEach((b, i) => { b.leg = i === 0 && !b.willCall ? 'outbound' : 'return'; });
  }
}

function checkpointsOf(task: TTask | undefined, appt: TAppointment | undefined, comms: TCommunication[]): Omit<Checkpoints, 'handoffAcknowledged'> {
  const patientPart = appt?.participant.find((p) => p.actor?.reference?.startsWith('Patient/'));
  return {
    booked: Boolean(task && ['accepted', 'in-progress', 'completed'].includes(task.status) && appt?.status && appt.status !== 'cancelled'),
    patientNotified: comms.some((c) => c.status === 'completed' && c.recipient?.some((r) => /^(Patient|RelatedPerson)\//.test(r.reference ?? ''))),
    patientConfirmed: patientPart?.status === 'accepted',
  };
}

function bookedByPhone(task: TTask | undefined): boolean {
  const notes = (task?.note ?? []) as { text?: string }[];
  return notes.some((n) => n.text?.startsWith('Booked by phone'));
}

function handoffOf(task: TTask | undefined, handoffs: Map<string, TQuestionnaireResponse>, provenance: TProvenance[]): BookingHandoff | undefined {
  const reference = task?.input?.find((p) => codeIn(p.type, SYSTEMS.taskParam) === TASK_PARAMS.handoff)?.valueReference?.reference;
  if (!reference?.startsWith('QuestionnaireResponse/')) return undefined;
  const bare = reference.replace(/\/_history\/.*$/, '');
  const acknowledged = provenance.some((p) => hasCode(p.activity, HANDOFF_ACKNOWLEDGED.system, HANDOFF_ACKNOWLEDGED.code)
    && p.target.some((t) => t.reference?.replace(/\/_history\/.*$/, '') === bare));
  const response = handoffs.get(bare);
  const kind = handoffKindOf(response?.questionnaire);
  const author = response?.author?.reference;
  return { reference: bare, ...(kind ? { kind } : {}), acknowledged, ...(author ? { author } : {}) };
}

function orderExtras(request: TServiceRequest | TDeviceRequest): Pick<Booking, 'orderDetails' | 'note' | 'requestedEnd'> {
  const details = request.resourceType === 'ServiceRequest' ? (request.orderDetail ?? []).map((d) => codeIn(d, SYSTEMS.capability)).filter((c): c is string => Boolean(c)) : [];
  const notes = (request.note ?? []) as { text?: string }[];
  const note = notes.map((n) => n.text).filter(Boolean).join(' ');
  const end = request.occurrencePeriod?.end;
  return { ...(details.length ? { orderDetails: details } : {}), ...(note ? { note } : {}), ...(end ? { requestedEnd: end } : {}) };
}

function codeOfRequest(request: TServiceRequest | TDeviceRequest): string | undefined {
  const concept = request.resourceType === 'DeviceRequest' ? request.codeCodeableConcept : request.code;
  return concept?.coding?.[0]?.code;
}

export function labelOf(service: ServiceType, code?: string): string {
  if (service === 'home-health') return 'Home health referral';
  if (service === 'dme') return code && code in DME_ITEMS ? `DME: ${DME_ITEMS[code as keyof typeof DME_ITEMS]}` : 'DME delivery';
  return code && code in TRANSPORT_LEVELS ? TRANSPORT_LEVELS[code as keyof typeof TRANSPORT_LEVELS].display : 'Transport';
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function byTime<T>(get: (item: T) => string | undefined) {
  const at = (item: T) => Date.parse(get(item) ?? '') || 0;
  return (a: T, b: T) => at(a) - at(b);
}
