// What a vendor does next with one Task: pure, so tests and both modes share it.
import type { Task } from '@medplum/fhirtypes';
import { SYSTEMS, type Milestone, type ServiceType } from '../../shared/fhir/codes';
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
  /** Deterministic number in [0, 1) for this Task and salt. */
  rand: (salt: string) => number;
}

const NONE: Decision = { action: 'none', usedScript: false };

export function milestoneOf(task: SimTask): Milestone | undefined {
  const c = task.businessStatus?.coding?.find((x) => x.system === SYSTEMS.milestone);
  return c?.code as Milestone | undefined;
}

function gate(input: DecideInput, key: keyof SimTimings): boolean {
  if (input.mode === 'step') return true;
  const since = Date.parse(input.task.lastModified ?? input.task.authoredOn ?? '');
  return Number.isNaN(since) || input.now.getTime() - since >= input.timings[key];
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
    if (chanceful && input.rand(`noshow:${version}`) < timings.vendorNoShowProbability) return gate(input, 'driverAssigned') ? noShow(false) : NONE;
    if (chanceful && input.rand(`reschedule:${version}`) < timings.rescheduleProbability) {
      const to = new Date(input.now.getTime() + 60 * 60_000);
      return gate(input, 'book') ? { action: 'reschedule', to: 'reschedule-requested', status: 'accepted', reason: `Vendor proposed a new time: ${to.toISOString()}`, rescheduleTo: to, usedScript: false } : NONE;
    }
    if (service === 'transport') return gate(input, 'driverAssigned') ? { action: 'advance', to: 'driver-assigned', status: 'in-progress', usedScript: false } : NONE;
    const to: Milestone = service === 'dme' ? 'delivered' : 'service-completed';
    return gate(input, 'completed') ? { action: 'advance', to, status: 'completed', appointmentStatus: 'fulfilled', usedScript: false } : NONE;
  }
  if (task.status === 'in-progress') {
    if (m === 'driver-assigned') return gate(input, 'enRoute') ? { action: 'advance', to: 'en-route', status: 'in-progress', usedScript: false } : NONE;
    if (m === 'en-route') return gate(input, 'pickedUp') ? { action: 'advance', to: 'picked-up', status: 'in-progress', usedScript: false } : NONE;
    if (m === 'reschedule-requested') return gate(input, 'book') ? { action: 'advance', to: 'booked', status: 'in-progress', usedScript: false } : NONE;
    return gate(input, 'completed') ? { action: 'advance', to: 'service-completed', status: 'completed', appointmentStatus: 'fulfilled', usedScript: false } : NONE;
  }
  return NONE;
}

export function decide(input: DecideInput): Decision {
  // Only open vendor work moves; a Task the app cancelled (or any settled Task) is left alone.
  if (!['requested', 'accepted', 'in-progress'].includes(input.task.status)) return NONE;
  const m = milestoneOf(input.task);
  return scripted(input, m) ?? progress(input, m, input.mode === 'auto');
}
