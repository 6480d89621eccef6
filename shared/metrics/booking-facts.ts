// Facts about one booking (a ServiceRequest/DeviceRequest and its attempts).
// Everything a metric needs is decided here, per booking, so aggregation is a
// cheap fold and a changed booking can be recomputed on its own.
import type { ServiceType } from '../fhir/codes';
import { isRefTo } from './fhir-refs';
import { HIT, MISS, NONE, outcome, skip, span, type Measure, type Outcome } from './measure';
import type { AppointmentRec, RequestRec } from './records';
import { appointmentFor, type ResourceIndex } from './resource-index';
import { taskFacts, type TaskFacts } from './task-facts';

export interface FactsOptions {
  /** "Now" for deadlines that may still be running (the 48 hour first contact). */
  now: number;
  notifyLeadMs: number;
  contactDeadlineMs: number;
}

export interface BookingFacts {
  id: string;
  bookingId?: string;
  serviceType: ServiceType;
  encounter?: string;
  /** When the booking was requested: places it in a date range and an ISO week. */
  anchor?: number;
  /** The vendor asked last (owner of the latest attempt): booking-level figures are attributed to it. */
  vendor?: string;
  /** Every vendor asked for this booking. */
  vendors: string[];
  requested: boolean;
  completed: boolean;
  orderToBooked: Measure;
  firstContact: Measure;
  contactWithinDeadline: Outcome;
  notifiedInTime: Outcome;
  patientConfirmed: Outcome;
  /** Attempts that left draft, oldest first. */
  tasks: TaskFacts[];
}

function lastBooked(tasks: readonly TaskFacts[]): TaskFacts | undefined {
  for (let i = tasks.length - 1; i >= 0; i -= 1) if (tasks[i]?.booked) return tasks[i];
  return undefined;
}

function orderToBooked(index: ResourceIndex, request: RequestRec, booked: TaskFacts | undefined): Measure {
  if (request.serviceType !== 'transport') return NONE;
  if (!booked) return skip('not-booked');
  const orders = request.encounter ? index.dischargeByEncounter.get(request.encounter) : undefined;
  // Sorted by authoredOn: the clock starts at the first discharge order of the stay.
  const order = orders?.[0];
  if (!order) return skip('no-discharge-order');
  return span(order.authoredOn, booked.bookedAt);
}

function firstContact(request: RequestRec, tasks: readonly TaskFacts[]): Measure {
  // Transport vendors don't schedule with the patient; their contact is the pickup.
  if (request.serviceType === 'transport') return NONE;
  let first: TaskFacts | undefined;
  for (const t of tasks) {
    if (t.contactAt !== undefined && (first?.contactAt === undefined || t.contactAt < first.contactAt)) first = t;
  }
  // The clock runs from the attempt of the vendor who made contact, not the first vendor asked.
  return first ? span(first.authoredOn, first.contactAt) : skip('no-contact');
}

function contactDeadline(request: RequestRec, contact: Measure, serving: TaskFacts | undefined, opts: FactsOptions): Outcome {
  if (request.serviceType !== 'home-health') return NONE;
  if (contact.kind === 'value') return outcome(contact.ms <= opts.contactDeadlineMs);
  if (contact.kind === 'skip' && contact.reason !== 'no-contact') return contact;
  if (!serving || serving.status === 'cancelled' || serving.status === 'rejected') return NONE;
  if (serving.authoredOn === undefined) return skip('missing-timestamp');
  return opts.now - serving.authoredOn >= opts.contactDeadlineMs ? MISS : skip('deadline-not-reached');
}

function toPatient(request: RequestRec, r: string): boolean {
  return (request.patient ? r === request.patient : isRefTo(r, 'Patient')) || isRefTo(r, 'RelatedPerson');
}

function notifiedInTime(index: ResourceIndex, request: RequestRec, appointment: AppointmentRec | undefined, opts: FactsOptions): Outcome {
  if (!appointment) return skip('no-appointment');
  if (appointment.start === undefined) return skip('no-pickup-time');
  const latest = appointment.start - opts.notifyLeadMs;
  for (const c of index.commsByRequest.get(request.ref) ?? []) {
    if (!c.completed || c.sent === undefined || c.sent > latest) continue;
    for (const r of c.recipients) if (toPatient(request, r)) return HIT;
  }
  return MISS;
}

export function bookingFacts(index: ResourceIndex, request: RequestRec, opts: FactsOptions): BookingFacts {
  const tasks: TaskFacts[] = [];
  const vendors: string[] = [];
  for (const t of index.tasksByRequest.get(request.ref) ?? []) {
    const facts = taskFacts(index, t, request);
    if (!facts.requested) continue;
    tasks.push(facts);
    if (facts.vendor && !vendors.includes(facts.vendor)) vendors.push(facts.vendor);
  }
  const serving = tasks[tasks.length - 1];
  const booked = lastBooked(tasks);
  const contact = firstContact(request, tasks);
  // Booked transport only: whether the patient was told in time and confirmed.
  const checked = request.serviceType === 'transport' && booked !== undefined;
  const appointment = checked ? appointmentFor(index, booked.appointment, request.ref) : undefined;
  return {
    id: request.ref, bookingId: request.bookingId, serviceType: request.serviceType, encounter: request.encounter,
    anchor: request.authoredOn ?? tasks.find((t) => t.authoredOn !== undefined)?.authoredOn,
    vendor: serving?.vendor, vendors, requested: tasks.length > 0, completed: tasks.some((t) => t.completed),
    orderToBooked: orderToBooked(index, request, booked),
    firstContact: contact,
    contactWithinDeadline: contactDeadline(request, contact, serving, opts),
    notifiedInTime: checked ? notifiedInTime(index, request, appointment, opts) : NONE,
    patientConfirmed: !checked ? NONE : appointment ? outcome(appointment.patientAccepted) : skip('no-appointment'),
    tasks,
  };
}
