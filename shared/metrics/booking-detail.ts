// What a reviewer sees behind a figure: each booking (or vendor attempt) the
// figure counted, with its patient, service, vendor, when it was requested and
// where it stands, and its timeline (request, each vendor asked, every
// milestone, the scheduled time, the messages to the patient). Built from the
// same index the metrics use, so the list and the number cannot disagree.
import type { ServiceType } from '../fhir/codes';
import { buildIndex, type ResourceIndex } from './resource-index';
import { parseInput, type MetricsInput } from './parse-input';
import type { RequestRec, TaskRec } from './records';

export type TimelineKind = 'discharge-order' | 'requested' | 'asked' | 'milestone' | 'scheduled' | 'message';

export interface TimelineEntry {
  at?: number;
  kind: TimelineKind;
  /** Milestone code for 'milestone'; Appointment status for 'scheduled'. */
  code?: string;
  /** Vendor (Organization reference) the entry concerns. */
  vendor?: string;
  /** 'message': sent by a vendor (first contact) rather than by the care team. */
  fromVendor?: boolean;
  /** 'scheduled': the patient accepted the time (the "patient confirmed" checkpoint). */
  patientConfirmed?: boolean;
}

export interface BookingDetail {
  /** The id the figure counted: the request, or one vendor attempt (Task). */
  id: string;
  booking: string;
  patient?: string;
  serviceType?: ServiceType;
  requestedAt?: number;
  /** The vendor of the counted attempt, else the one asked last. */
  vendor?: string;
  /** Latest milestone of that attempt, else its Task status; undefined before any vendor was asked. */
  state?: string;
  attempts: number;
  timeline: TimelineEntry[];
}

export interface DetailLookup {
  detail: (id: string) => BookingDetail | undefined;
  vendorName: (ref: string | undefined) => string | undefined;
}

const time = (e: TimelineEntry): number => e.at ?? Infinity;

function timelineOf(index: ResourceIndex, request: RequestRec, tasks: readonly TaskRec[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const order = request.encounter ? index.dischargeByEncounter.get(request.encounter)?.[0] : undefined;
  if (order && request.serviceType === 'transport') out.push({ at: order.authoredOn, kind: 'discharge-order' });
  out.push({ at: request.authoredOn, kind: 'requested' });
  for (const t of tasks) {
    const events = index.timelineByTask.get(t.ref) ?? [];
    // A 'sent' milestone is the same moment as the Task itself: one entry, the milestone's.
    if (!events.some((m) => m.code === 'sent')) out.push({ at: t.authoredOn, kind: 'asked', vendor: t.owner });
    for (const m of events) out.push(m.code === 'sent' ? { at: m.at, kind: 'asked', vendor: t.owner } : { at: m.at, kind: 'milestone', code: m.code, vendor: t.owner });
  }
  for (const a of index.appointmentsByRequest.get(request.ref) ?? []) out.push({ at: a.start, kind: 'scheduled', code: a.status, patientConfirmed: a.patientAccepted });
  const vendors = new Set(tasks.map((t) => t.owner).filter((o): o is string => o !== undefined));
  for (const c of index.commsByRequest.get(request.ref) ?? []) out.push({ at: c.sent, kind: 'message', fromVendor: c.sender !== undefined && vendors.has(c.sender) });
  // A vendor's first call to the patient need not name the request: it is the vendor writing to this patient.
  if (request.patient) {
    for (const v of vendors) {
      const first = index.contactTimes.get(v)?.get(request.patient)?.find((at) => request.authoredOn === undefined || at >= request.authoredOn);
      const listed = out.some((e) => e.kind === 'message' && e.at === first);
      if (first !== undefined && !listed) out.push({ at: first, kind: 'message', vendor: v, fromVendor: true });
    }
  }
  // Stable: entries with the same time keep the order above (request before its first answer).
  return out.sort((a, b) => time(a) - time(b) || 0);
}

/** Details for any request or Task id in `input` (as the metrics report carries them). */
export function detailLookup(input: MetricsInput | ResourceIndex): DetailLookup {
  const index = 'tasksByRequest' in input ? input : buildIndex(parseInput(input));
  const requests = new Map(index.requests.map((r) => [r.ref, r]));
  const taskToRequest = new Map<string, string>();
  index.tasksByRequest.forEach((tasks, focus) => tasks.forEach((t) => taskToRequest.set(t.ref, focus)));
  const cache = new Map<string, BookingDetail | undefined>();
  const detail = (id: string): BookingDetail | undefined => {
    if (cache.has(id)) return cache.get(id);
    const ref = id.startsWith('Task/') ? taskToRequest.get(id) : id;
    const request = ref ? requests.get(ref) : undefined;
    let result: BookingDetail | undefined;
    if (request) {
      const tasks = index.tasksByRequest.get(request.ref) ?? [];
      const counted = tasks.find((t) => t.ref === id) ?? tasks[tasks.length - 1];
      const last = counted ? index.timelineByTask.get(counted.ref)?.filter((m) => m.at !== undefined).pop() : undefined;
      result = {
        id, booking: request.ref, patient: request.patient, serviceType: request.serviceType, requestedAt: request.authoredOn,
        vendor: counted?.owner, state: last?.code ?? counted?.status, attempts: tasks.length, timeline: timelineOf(index, request, tasks),
      };
    }
    cache.set(id, result);
    return result;
  };
  return { detail, vendorName: (ref) => (ref ? index.vendorNames.get(ref) : undefined) };
}
