// Every join the metrics need, built once in O(n log n): lists keyed by the
// reference they hang off, each sorted by time. Facts are then derived one
// booking at a time from these maps, which is what lets a caller recompute a
// single changed booking instead of the whole set.
import { isRefTo } from './fhir-refs';
import type { ParsedInput, SkippedResource } from './parse-input';
import type { AppointmentRec, CommunicationRec, DischargeOrderRec, RequestRec, TaskRec } from './records';

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

function sortAll<V>(map: Map<string, V[]>, compare: (a: V, b: V) => number): void {
  for (const list of map.values()) if (list.length > 1) list.sort(compare);
}

/** Send times from `sender` to `patient`, ascending. */
export function contactTimesOf(index: ResourceIndex, sender: string, patient: string): number[] | undefined {
  return index.contactTimes.get(sender)?.get(patient);
}

function indexCommunications(parsed: ParsedInput, index: ResourceIndex): void {
  for (const c of parsed.communications) {
    if (c.sent === undefined) {
      // Without a send time it proves neither a timely notice nor a first contact.
      index.skipped.push({ resourceType: 'Communication', id: c.ref.slice(14), reason: 'sent: missing timestamp' });
      continue;
    }
    for (const r of c.basedOn) push(index.commsByRequest, r, c);
    if (!isRefTo(c.sender, 'Organization') || !c.sender) continue;
    for (const p of c.recipients) {
      if (!isRefTo(p, 'Patient')) continue;
      let bySender = index.contactTimes.get(c.sender);
      if (!bySender) index.contactTimes.set(c.sender, (bySender = new Map()));
      push(bySender, p, c.sent);
    }
  }
  sortAll(index.commsByRequest, bySent);
  for (const bySender of index.contactTimes.values()) sortAll(bySender, ascending);
}

export function buildIndex(parsed: ParsedInput): ResourceIndex {
  const index: ResourceIndex = {
    requests: parsed.requests, tasksByRequest: new Map(), timelineByTask: new Map(), appointments: new Map(),
    appointmentsByRequest: new Map(), commsByRequest: new Map(), contactTimes: new Map(),
    dischargeByEncounter: new Map(), vendorNames: parsed.vendorNames, skipped: [],
  };
  for (const t of parsed.tasks) push(index.tasksByRequest, t.focus, t);
  sortAll(index.tasksByRequest, byAuthoredOn);
  // A milestone is its own event ({ code, at }): one object however many Tasks it targets.
  for (const m of parsed.milestones) for (const t of m.targets) push(index.timelineByTask, t, m);
  sortAll(index.timelineByTask, byAt);
  for (const a of parsed.appointments) {
    index.appointments.set(a.ref, a);
    for (const r of a.basedOn) push(index.appointmentsByRequest, r, a);
  }
  indexCommunications(parsed, index);
  for (const d of parsed.dischargeOrders) if (d.encounter) push(index.dischargeByEncounter, d.encounter, d);
  sortAll(index.dischargeByEncounter, byAuthoredOn);
  const known = new Set(parsed.requests.map((r) => r.ref));
  for (const [focus, tasks] of index.tasksByRequest) {
    if (known.has(focus)) continue;
    for (const t of tasks) index.skipped.push({ resourceType: 'Task', id: t.ref.slice(5), reason: 'focus: request not in input' });
  }
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
