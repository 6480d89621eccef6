// What a vendor does next with one Task: pure, so tests and both modes share it.
import type { Task } from '@medplum/fhirtypes';
import { SYSTEMS, TASK_PARAMS, type Milestone, type ServiceType } from '../../shared/fhir/codes';
import type { SimTask } from './fhir-io';
import type { SimActionName, SimTimings } from './types';

export interface Decision {
  action: SimActionName | 'none';
  to?: Milestone;
  status?: Task['status'];
  reason?: string;
  rescheduleTo?: Date;
  /** The Appointment's new status, when this move settles it. */
  appointmentStatus?: 'fulfilled' | 'noshow' | 'cancelled';
  /** Whether the scripted action was applied (and so consumed). */
  usedScript: boolean;
}

export interface DecideInput {
  task: SimTask;
  service: ServiceType;
  mode: 'auto' | 'step';
  scripted?: { action: string; arg?: string };
  timings: SimTimings;
  now: Date;
  /** When the booking is scheduled (pickup, visit or delivery start); auto mode times milestones from it. */
  scheduled?: Date;
  /** Deterministic number in [0, 1) for this Task and salt. */
  rand: (salt: string) => number;
}

const NONE: Decision = { action: 'none', usedScript: false };

export function milestoneOf(task: SimTask): Milestone | undefined {
  const c = task.businessStatus?.coding?.find((x) => x.system === SYSTEMS.milestone);
  return c?.code as Milestone | undefined;
}

const MIN = 60_000;

/**
 * Auto mode: the earliest moment, relative to the booking's scheduled time (the pickup,
 * visit or delivery), at which a vendor reports each milestone. A driver is assigned an
 * hour ahead and sets off half an hour ahead; nobody is picked up, visited or delivered
 * to before the scheduled time, and a trip or visit is completed only after it has lasted.
 */
export const SCHEDULE_OFFSETS_MS = {
  'driver-assigned': -60 * MIN,
  'en-route': -30 * MIN,
  'picked-up': 0,
  'vendor-no-show': -60 * MIN,
  transportCompleted: 30 * MIN,
  homeHealthCompleted: 90 * MIN,
  delivered: 0,
} as const;

/** The time the vendor booked (Task.output eta, moved by reschedules), if any. */
export function scheduledTimeOf(task: SimTask): Date | undefined {
  const eta = task.output?.find((o) => o.type.coding?.some((c) => c.system === SYSTEMS.taskParam && c.code === TASK_PARAMS.eta))?.valueDateTime;
  const t = eta ? Date.parse(eta) : NaN;
  return Number.isNaN(t) ? undefined : new Date(t);
}

function gate(input: DecideInput, key: keyof SimTimings, offset?: keyof typeof SCHEDULE_OFFSETS_MS): boolean {
  // Step mode moves one milestone per step whatever the clock says (the tests drive it).
  if (input.mode === 'step') return true;
  const since = Date.parse(input.task.lastModified ?? input.task.authoredOn ?? '');
  if (!Number.isNaN(since) && input.now.getTime() - since < input.timings[key]) return false;
  const scheduled = offset ? input.scheduled ?? scheduledTimeOf(input.task) : undefined;
  return !scheduled || !offset || input.now.getTime() >= scheduled.getTime() + SCHEDULE_OFFSETS_MS[offset];
}

const accept = (usedScript: boolean): Decision => ({ action: 'accept', to: 'accepted', status: 'accepted', usedScript });
const decline = (usedScript: boolean, reason: string): Decision => ({ action: 'decline', to: 'declined', status: 'rejected', reason, usedScript });
const book = (usedScript: boolean): Decision => ({ action: 'book', to: 'booked', status: 'accepted', usedScript });
const noShow = (usedScript: boolean): Decision => ({
  action: 'vendor-no-show', to: 'vendor-no-show', status: 'failed',
  reason: 'Vendor could not cover the trip: no driver available', appointmentStatus: 'noshow', usedScript,
});

function scripted(input: DecideInput, m: Milestone | undefined): Decision | undefined {
  const s = input.scripted;
  if (!s) return undefined;
  const { status } = input.task;
  const bookedLike = m === 'booked' || m === 'driver-assigned' || m === 'reschedule-requested';
  switch (s.action) {
    case 'no-answer': return { ...NONE, usedScript: true };
    case 'accept': return status === 'requested' ? accept(true) : undefined;
    case 'decline': return status === 'requested' ? decline(true, s.arg ?? 'Declined by vendor (scripted)') : undefined;
    case 'book': return status === 'accepted' && !bookedLike ? book(true) : undefined;
    case 'reschedule': {
      const to = s.arg ? new Date(s.arg) : undefined;
      if (!bookedLike || !to || Number.isNaN(to.getTime())) return undefined;
      return { action: 'reschedule', to: 'reschedule-requested', status, reason: `Vendor proposed a new time: ${to.toISOString()}`, rescheduleTo: to, usedScript: true };
    }
    case 'vendor-no-show': return bookedLike || m === 'en-route' ? noShow(true) : undefined;
    case 'advance': return { ...progress(input, m, false), usedScript: true };
    default: return undefined;
  }
}

/** The normal next milestone; `chanceful` allows auto-mode surprises. */
function progress(input: DecideInput, m: Milestone | undefined, chanceful: boolean): Decision {
  const { task, service, timings } = input;
  const version = task.meta?.versionId ?? '';
  if (task.status === 'requested') {
    if (!gate(input, 'accept')) return NONE;
    return input.rand('decline') < timings.declineProbability ? decline(false, 'No capacity in the requested window') : accept(false);
  }
  if (task.status === 'accepted' && m !== 'booked' && m !== 'reschedule-requested') return gate(input, 'book') ? book(false) : NONE;
  if (task.status === 'accepted' && m === 'reschedule-requested') return gate(input, 'book') ? book(false) : NONE;
  if (task.status === 'accepted' && m === 'booked') {
    if (chanceful && input.rand(`noshow:${version}`) < timings.vendorNoShowProbability) return gate(input, 'driverAssigned', 'vendor-no-show') ? noShow(false) : NONE;
    if (chanceful && input.rand(`reschedule:${version}`) < timings.rescheduleProbability) {
      const to = new Date(input.now.getTime() + 60 * 60_000);
      return gate(input, 'book') ? { action: 'reschedule', to: 'reschedule-requested', status: 'accepted', reason: `Vendor proposed a new time: ${to.toISOString()}`, rescheduleTo: to, usedScript: false } : NONE;
    }
    if (service === 'transport') return gate(input, 'driverAssigned', 'driver-assigned') ? { action: 'advance', to: 'driver-assigned', status: 'in-progress', usedScript: false } : NONE;
    const to: Milestone = service === 'dme' ? 'delivered' : 'service-completed';
    return gate(input, 'completed', service === 'dme' ? 'delivered' : 'homeHealthCompleted') ? { action: 'advance', to, status: 'completed', appointmentStatus: 'fulfilled', usedScript: false } : NONE;
  }
  if (task.status === 'in-progress') {
    if (m === 'driver-assigned') return gate(input, 'enRoute', 'en-route') ? { action: 'advance', to: 'en-route', status: 'in-progress', usedScript: false } : NONE;
    if (m === 'en-route') return gate(input, 'pickedUp', 'picked-up') ? { action: 'advance', to: 'picked-up', status: 'in-progress', usedScript: false } : NONE;
    if (m === 'reschedule-requested') return gate(input, 'book') ? { action: 'advance', to: 'booked', status: 'in-progress', usedScript: false } : NONE;
    const offset = service === 'transport' ? 'transportCompleted' : service === 'dme' ? 'delivered' : 'homeHealthCompleted';
    return gate(input, 'completed', offset) ? { action: 'advance', to: 'service-completed', status: 'completed', appointmentStatus: 'fulfilled', usedScript: false } : NONE;
  }
  return NONE;
}

export function decide(input: DecideInput): Decision {
  // Only open vendor work moves; a Task the app cancelled (or any settled Task) is left alone.
  if (!['requested', 'accepted', 'in-progress'].includes(input.task.status)) return NONE;
  const m = milestoneOf(input.task);
  return scripted(input, m) ?? progress(input, m, input.mode === 'auto');
}
