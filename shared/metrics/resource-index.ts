// Every join the metrics need, built once in O(n log n): lists keyed by the
// reference they hang off, each sorted by time. Facts are then derived one
// booking at a time from these maps, which is what lets a caller recompute a
// single changed booking instead of the whole set.
import { isRefTo } from './fhir-refs';
import type { ParsedInput, SkippedResource } from './parse-input';
import type { AppointmentRec, CommunicationRec, DischargeOrderRec, MilestoneRec, RequestRec, TaskRec } from './records';

export interface MilestoneEvent { code: string; at?: number }

export interface ResourceIndex {
  requests: RequestRec[];
  tasksByRequest: Map<string, TaskRec[]>;
  /** Milestones per Task, timed ones ascending, untimed ones last. */
  timelineByTask: Map<string, MilestoneEvent[]>;
  appointments: Map<string, AppointmentRec>;
  appointmentsByRequest: Map<string, AppointmentRec[]>;
  /** Communications about a request (basedOn/about), by sent time. */
  commsByRequest: Map<string, CommunicationRec[]>;
  /** Send times of Communications from an Organization to a Patient, ascending: sender → patient → times. */
  contactTimes: Map<string, Map<string, number[]>>;
  dischargeByEncounter: Map<string, DischargeOrderRec[]>;
  vendorNames: Map<string, string>;
  skipped: SkippedResource[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Untimed last; stable (Array#sort is), so equal times keep input order.
const byTime = (a?: number, b?: number): number => (a ?? Infinity) - (b ?? Infinity) || 0;
const byAuthoredOn = (a: { authoredOn?: number }, b: { authoredOn?: number }): number => byTime(a.authoredOn, b.authoredOn);
const byAt = (a: MilestoneEvent, b: MilestoneEvent): number => byTime(a.at, b.at);
const bySent = (a: CommunicationRec, b: CommunicationRec): number => byTime(a.sent, b.sent);
const ascending = (a: number, b: number): number => a - b;

/**
 * Stable insertion sort for the short lists (a booking's few Tasks, a Task's
 * few milestones): same order as Array#sort (also stable, and the comparators
 * here are consistent), without the work array Array#sort allocates per call.
 */
function sortSmall<V>(list: V[], compare: (a: V, b: V) => number): void {
  for (let i = 1; i < list.length; i += 1) {
    const v = list[i] as V;
    let j = i - 1;
    while (j >= 0 && compare(list[j] as V, v) > 0) {
      list[j + 1] = list[j] as V;
      j -= 1;
    }
    list[j + 1] = v;
  }
}

function sortAll<V>(map: Map<string, V[]>, compare: (a: V, b: V) => number): void {
  // forEach, not for-of: no iterator result per entry while this runs unoptimised (once per call).
  map.forEach((list) => {
    if (list.length > 16) list.sort(compare);
    else if (list.length > 1) sortSmall(list, compare);
  });
}

/** Send times from `sender` to `patient`, ascending. */
export function contactTimesOf(index: ResourceIndex, sender: string, patient: string): number[] | undefined {
  return index.contactTimes.get(sender)?.get(patient);
}

function indexCommunications(parsed: ParsedInput, index: ResourceIndex): void {
  // Index loops in the once-per-call loops below: no iterator results while unoptimised.
  const comms = parsed.communications;
  for (let i = 0; i < comms.length; i += 1) {
    const c = comms[i] as CommunicationRec;
    if (c.sent === undefined) {
      // Without a send time it proves neither a timely notice nor a first contact.
      index.skipped.push({ resourceType: 'Communication', id: c.ref.slice(14), reason: 'sent: missing timestamp' });
      continue;
    }
    for (let j = 0; j < c.basedOn.length; j += 1) push(index.commsByRequest, c.basedOn[j] as string, c);
    if (!isRefTo(c.sender, 'Organization') || !c.sender) continue;
    for (let j = 0; j < c.recipients.length; j += 1) {
      const p = c.recipients[j] as string;
      if (!isRefTo(p, 'Patient')) continue;
      let bySender = index.contactTimes.get(c.sender);
      if (!bySender) index.contactTimes.set(c.sender, (bySender = new Map()));
      push(bySender, p, c.sent);
    }
  }
  sortAll(index.commsByRequest, bySent);
  index.contactTimes.forEach((bySender) => sortAll(bySender, ascending));
}

export function buildIndex(parsed: ParsedInput): ResourceIndex {
  const index: ResourceIndex = {
    requests: parsed.requests, tasksByRequest: new Map(), timelineByTask: new Map(), appointments: new Map(),
    appointmentsByRequest: new Map(), commsByRequest: new Map(), contactTimes: new Map(),
    dischargeByEncounter: new Map(), vendorNames: parsed.vendorNames, skipped: [],
  };
  const { tasks, milestones, appointments } = parsed;
  for (let i = 0; i < tasks.length; i += 1) {
    const t = tasks[i] as TaskRec;
    push(index.tasksByRequest, t.focus, t);
  }
  sortAll(index.tasksByRequest, byAuthoredOn);
  // A milestone is its own event ({ code, at }): one object however many Tasks it targets.
  for (let i = 0; i < milestones.length; i += 1) {
    const m = milestones[i] as MilestoneRec;
    for (let j = 0; j < m.targets.length; j += 1) push(index.timelineByTask, m.targets[j] as string, m);
  }
  sortAll(index.timelineByTask, byAt);
  for (let i = 0; i < appointments.length; i += 1) {
    const a = appointments[i] as AppointmentRec;
    index.appointments.set(a.ref, a);
    for (let j = 0; j < a.basedOn.length; j += 1) push(index.appointmentsByRequest, a.basedOn[j] as string, a);
  }
  indexCommunications(parsed, index);
  const discharges = parsed.dischargeOrders;
  for (let i = 0; i < discharges.length; i += 1) {
    const d = discharges[i] as DischargeOrderRec;
    if (d.encounter) push(index.dischargeByEncounter, d.encounter, d);
  }
  sortAll(index.dischargeByEncounter, byAuthoredOn);
  const known = new Set<string>();
  for (let i = 0; i < parsed.requests.length; i += 1) known.add((parsed.requests[i] as RequestRec).ref);
  index.tasksByRequest.forEach((list, focus) => {
    if (known.has(focus)) return;
    for (const t of list) index.skipped.push({ resourceType: 'Task', id: t.ref.slice(5), reason: 'focus: request not in input' });
  });
  return index;
}

/** First event with one of the codes: the earliest timed one, else an untimed one. */
export function firstEvent(events: readonly MilestoneEvent[] | undefined, codes: ReadonlySet<string>): MilestoneEvent | undefined {
  if (events) for (const e of events) if (codes.has(e.code)) return e;
  return undefined;
}

/** The Appointment of an attempt: its output if it names one, else the request's live one. */
export function appointmentFor(index: ResourceIndex, own: string | undefined, request: string): AppointmentRec | undefined {
  const named = own ? index.appointments.get(own) : undefined;
  if (named) return named;
  const all = index.appointmentsByRequest.get(request);
  if (!all) return undefined;
  // The latest start (first one on ties), among live ones if there are any.
  let best: AppointmentRec | undefined;
  let bestLive: AppointmentRec | undefined;
  for (const a of all) {
    const start = a.start ?? -Infinity;
    if (best === undefined || start > (best.start ?? -Infinity)) best = a;
    if (a.status === 'cancelled' || a.status === 'entered-in-error') continue;
    if (bestLive === undefined || start > (bestLive.start ?? -Infinity)) bestLive = a;
  }
  return bestLive ?? best;
}
