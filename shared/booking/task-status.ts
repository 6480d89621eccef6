// The interoperable Task state machine (SDOH IG referral task) and which
// logistics milestones are valid under which status. Any other move is refused.
import { TransitionError } from '../errors/errors';
import type { Milestone } from '../fhir/codes';

export const TASK_STATUSES = [
  'draft', 'requested', 'accepted', 'rejected', 'cancelled', 'in-progress', 'on-hold', 'completed', 'failed', 'entered-in-error',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type Actor = 'requester' | 'owner';

const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  draft: ['requested', 'cancelled'],
  requested: ['accepted', 'rejected', 'cancelled'],
  accepted: ['in-progress', 'on-hold', 'cancelled', 'completed', 'failed'],
  'in-progress': ['on-hold', 'cancelled', 'completed', 'failed'],
  'on-hold': ['in-progress', 'cancelled', 'completed', 'failed'],
  rejected: [],
  cancelled: [],
  completed: [],
  failed: [],
  'entered-in-error': [],
};

const SET_BY: Record<TaskStatus, Actor> = {
  draft: 'requester', requested: 'requester', cancelled: 'requester', 'entered-in-error': 'requester',
  accepted: 'owner', rejected: 'owner', 'in-progress': 'owner', 'on-hold': 'owner', completed: 'owner', failed: 'owner',
};

const NEEDS_REASON: ReadonlySet<TaskStatus> = new Set(['rejected', 'cancelled', 'on-hold', 'failed']);

export const TERMINAL: ReadonlySet<TaskStatus> = new Set(['rejected', 'cancelled', 'completed', 'failed', 'entered-in-error']);

/** Milestones allowed under each status. */
const MILESTONES_FOR: Record<TaskStatus, readonly Milestone[]> = {
  draft: [],
  requested: ['sent'],
  accepted: ['accepted', 'booked', 'patient-notified', 'patient-confirmed', 'reschedule-requested'],
  'in-progress': ['booked', 'patient-notified', 'patient-confirmed', 'driver-assigned', 'en-route', 'picked-up', 'delivered', 'reschedule-requested'],
  'on-hold': ['reschedule-requested'],
  rejected: ['declined'],
  cancelled: ['cancelled-by-facility', 'cancelled-by-patient', 'cancelled-by-vendor'],
  completed: ['service-completed', 'delivered'],
  failed: ['patient-no-show', 'vendor-no-show', 'cancelled-by-vendor'],
  'entered-in-error': [],
};

export function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}

/** Checks a status change; throws TransitionError with the reason when it is not allowed. */
export function assertTransition(from: string, to: string, actor: Actor, reason?: string): void {
  if (!isTaskStatus(from)) throw new TransitionError(from, to, `"${from}" is not a Task status`);
  if (!isTaskStatus(to)) throw new TransitionError(from, to, `"${to}" is not a Task status`);
  if (to === 'entered-in-error') {
    if (actor !== 'requester') throw new TransitionError(from, to, 'only the requester can mark a task entered-in-error');
    return;
  }
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from].length ? NEXT[from].join(', ') : 'nothing (it is final)';
    throw new TransitionError(from, to, `from "${from}" a task can move to ${allowed}`);
  }
  if (SET_BY[to] !== actor) throw new TransitionError(from, to, `only the ${SET_BY[to] === 'owner' ? 'vendor (owner)' : 'requester'} sets "${to}"`);
  if (NEEDS_REASON.has(to) && !reason?.trim()) throw new TransitionError(from, to, `a reason is required for "${to}"`);
}

export function milestoneAllowed(status: string, milestone: Milestone): boolean {
  return isTaskStatus(status) && MILESTONES_FOR[status].includes(milestone);
}

export function allowedNext(from: TaskStatus, actor: Actor): TaskStatus[] {
  return NEXT[from].filter((to) => SET_BY[to] === actor);
}
