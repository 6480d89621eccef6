// Facts about one vendor attempt (Task), derived once from the index.
import { isRefTo } from './fhir-refs';
import { appointmentFor, contactTimesOf, firstEvent, type MilestoneEvent, type ResourceIndex } from './resource-index';
import { NONE, skip, span, value, type Measure } from './measure';
import type { RequestRec, TaskRec } from './records';

export type CancelCause = 'facility' | 'patient' | 'vendor' | 'unspecified';
export const CANCEL_CAUSES: readonly CancelCause[] = ['facility', 'patient', 'vendor', 'unspecified'];

export interface TaskFacts {
  id: string;
  vendor?: string;
  status: string;
  authoredOn?: number;
  /** The Appointment named in Task.output, if any. */
  appointment?: string;
  /** Left draft: the vendor was actually asked. */
  requested: boolean;
  completed: boolean;
  /** Reached `booked` (or a milestone that implies it); `bookedAt` only if a Provenance says when. */
  booked: boolean;
  bookedAt?: number;
  rescheduled: boolean;
  cancelledBy?: CancelCause;
  decision?: 'accepted' | 'declined';
  responseTime: Measure;
  /** Picked-up time minus Appointment.start; negative = early. `none` when not picked up. */
  pickupLateness: Measure;
  /** Earliest contact from this vendor to the patient at or after authoredOn. */
  contactAt?: number;
}

type Events = readonly MilestoneEvent[] | undefined;

const RESPONSES = new Set(['accepted', 'declined']);
const BOOKED = new Set(['booked']);
const PICKED_UP = new Set(['picked-up']);
const RESCHEDULE = new Set(['reschedule-requested']);
// docs/domain.md's metric table names this milestone; it is not (yet) in MILESTONES.
const CONTACTED = new Set(['patient-contacted']);
const CANCEL_BY: Record<string, CancelCause> = {
  'cancelled-by-facility': 'facility', 'cancelled-by-patient': 'patient', 'cancelled-by-vendor': 'vendor',
};
const CANCELS = new Set(Object.keys(CANCEL_BY));
const AFTER_BOOKED = new Set([
  'booked', 'patient-notified', 'patient-confirmed', 'driver-assigned', 'en-route', 'picked-up', 'delivered',
  'service-completed',
]);
const ACCEPTED_STATUSES = new Set(['accepted', 'in-progress', 'on-hold', 'completed', 'failed']);
const NOT_REQUESTED = new Set(['draft', 'entered-in-error']);

type Decision = TaskFacts['decision'];

function decision(task: TaskRec, first: MilestoneEvent | undefined): Decision {
  if (first) return first.code === 'declined' ? 'declined' : 'accepted';
  if (task.status === 'rejected') return 'declined';
  return ACCEPTED_STATUSES.has(task.status) ? 'accepted' : undefined;
}

function responseTime(task: TaskRec, first: MilestoneEvent | undefined, decided: Decision): Measure {
  if (first) return span(task.authoredOn, first.at);
  if (decided) return skip('missing-timestamp');
  return skip(task.status === 'cancelled' ? 'cancelled-before-response' : 'awaiting-response');
}

function cancelCause(task: TaskRec, events: Events): CancelCause | undefined {
  const code = firstEvent(events, CANCELS)?.code ?? (task.milestone && CANCELS.has(task.milestone) ? task.milestone : undefined);
  if (code) return CANCEL_BY[code];
  return task.status === 'cancelled' ? 'unspecified' : undefined;
}

function pickupLateness(index: ResourceIndex, task: TaskRec, request: RequestRec, events: Events): Measure {
  const pickedUp = firstEvent(events, PICKED_UP);
  if (!pickedUp) return NONE;
  const appointment = appointmentFor(index, task.appointment, request.ref);
  if (!appointment) return skip('no-appointment');
  if (appointment.start === undefined) return skip('no-pickup-time');
  return pickedUp.at === undefined ? skip('missing-timestamp') : value(pickedUp.at - appointment.start);
}

function contactAt(index: ResourceIndex, task: TaskRec, patient: string | undefined, events: Events): number | undefined {
  const from = task.authoredOn ?? -Infinity;
  let milestone: number | undefined;
  if (events) for (const e of events) if (CONTACTED.has(e.code) && e.at !== undefined && e.at >= from) { milestone = e.at; break; }
  let sent: number | undefined;
  const times = task.owner && isRefTo(patient, 'Patient') && patient ? contactTimesOf(index, task.owner, patient) : undefined;
  if (times) for (const t of times) if (t >= from) { sent = t; break; }
  if (milestone === undefined) return sent;
  return sent === undefined ? milestone : Math.min(sent, milestone);
}

export function taskFacts(index: ResourceIndex, task: TaskRec, request: RequestRec): TaskFacts {
  const events = index.timelineByTask.get(task.ref);
  const booked = firstEvent(events, BOOKED);
  const answer = firstEvent(events, RESPONSES);
  const decided = decision(task, answer);
  return {
    id: task.ref, vendor: task.owner, status: task.status, authoredOn: task.authoredOn, appointment: task.appointment,
    requested: !NOT_REQUESTED.has(task.status), completed: task.status === 'completed',
    booked: booked !== undefined || (task.milestone !== undefined && AFTER_BOOKED.has(task.milestone)),
    bookedAt: booked?.at,
    rescheduled: firstEvent(events, RESCHEDULE) !== undefined || task.milestone === 'reschedule-requested',
    cancelledBy: cancelCause(task, events),
    decision: decided, responseTime: responseTime(task, answer, decided),
    pickupLateness: pickupLateness(index, task, request, events),
    contactAt: contactAt(index, task, task.patient ?? request.patient, events),
  };
}
