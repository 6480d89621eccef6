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
  /** Send times of Communications from an Organization to a Patient, key "Organization/x|Patient/y". */
  contactTimes: Map<string, number[]>;
  dischargeByEncounter: Map<string, DischargeOrderRec[]>;
  vendorNames: Map<string, string>;
  skipped: SkippedResource[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const byTime = (a?: number, b?: number): number => (a ?? Infinity) - (b ?? Infinity) || 0;

function sortAll<V>(map: Map<string, V[]>, time: (v: V) => number | undefined): void {
  for (const list of map.values()) if (list.length > 1) list.sort((a, b) => byTime(time(a), time(b)));
}

export function contactKey(sender: string, patient: string): string {
  return `${sender}|${patient}`;
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
    for (const p of c.recipients) if (isRefTo(p, 'Patient')) push(index.contactTimes, contactKey(c.sender, p), c.sent);
  }
  sortAll(index.commsByRequest, (c) => c.sent);
  for (const list of index.contactTimes.values()) list.sort((a, b) => a - b);
}

export function buildIndex(parsed: ParsedInput): ResourceIndex {
  const index: ResourceIndex = {
    requests: parsed.requests, tasksByRequest: new Map(), timelineByTask: new Map(), appointments: new Map(),
    appointmentsByRequest: new Map(), commsByRequest: new Map(), contactTimes: new Map(),
    dischargeByEncounter: new Map(), vendorNames: parsed.vendorNames, skipped: [],
  };
  for (const t of parsed.tasks) push(index.tasksByRequest, t.focus, t);
  sortAll(index.tasksByRequest, (t) => t.authoredOn);
  for (const m of parsed.milestones) for (const t of m.targets) push(index.timelineByTask, t, { code: m.code, at: m.at });
  sortAll(index.timelineByTask, (e) => e.at);
  for (const a of parsed.appointments) {
    index.appointments.set(a.ref, a);
    for (const r of a.basedOn) push(index.appointmentsByRequest, r, a);
  }
  indexCommunications(parsed, index);
  for (const d of parsed.dischargeOrders) if (d.encounter) push(index.dischargeByEncounter, d.encounter, d);
  sortAll(index.dischargeByEncounter, (d) => d.authoredOn);
  const known = new Set(parsed.requests.map((r) => r.ref));
  for (const [focus, tasks] of index.tasksByRequest) {
    if (known.has(focus)) continue;
    for (const t of tasks) index.skipped.push({ resourceType: 'Task', id: t.ref.slice(5), reason: 'focus: request not in input' });
  }
  return index;
}

/** First event with one of the codes: the earliest timed one, else an untimed one. */
export function firstEvent(events: readonly MilestoneEvent[] | undefined, codes: ReadonlySet<string>): MilestoneEvent | undefined {
  return events?.find((e) => codes.has(e.code));
}

/** The Appointment of an attempt: its output if it names one, else the request's live one. */
export function appointmentFor(index: ResourceIndex, own: string | undefined, request: string): AppointmentRec | undefined {
  const named = own ? index.appointments.get(own) : undefined;
  if (named) return named;
  const all = index.appointmentsByRequest.get(request) ?? [];
  const live = all.filter((a) => a.status !== 'cancelled' && a.status !== 'entered-in-error');
  return (live.length ? live : all).reduce<AppointmentRec | undefined>(
    (best, a) => (best === undefined || (a.start ?? -Infinity) > (best.start ?? -Infinity) ? a : best), undefined,
  );
}
