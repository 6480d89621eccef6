// Trigger rules (docs/domain.md, "Triggers"): a step activates when the previous one
// completes, not when someone remembers. Pure over FHIR state: the same state and
// clock give the same writes, and every created resource carries an identifier
// derived from the event that caused it, so the runner can write it with a
// conditional create and two runners (or one running twice) create it once.
import { CARE_ROLES, STEP_KINDS, SYSTEMS } from '../fhir/codes';
import { bookingIdOf, hasCode, refId } from '../fhir/refs';
import type { TServiceRequest, TTask } from '../fhir/schemas';
import { homeHealthReferral, referralTask, stepTask } from './step-resources';
import {
  carePlanCallsForHomeHealth, dispositionOf, isBookedVendorTask, isDischargeOrder, isLiveBooking, OPEN_STEP,
  ownerFor, patientNotified, pickupTime, plannedDischarge, ref, sameStay, serviceCategory, stepKind, transportNeedClosed, TRIP_OVER, type WorkflowState,
} from './workflow-state';

export type RuleName = 'transport-request' | 'notify-patient' | 'home-health-referral' | 'complete-step' | 'all-vendors-declined' | 'vendor-no-show';

export interface CreateEntry {
  resourceType: 'Task' | 'ServiceRequest';
  /** Value in SYSTEMS.bookingId: the If-None-Exist key. */
  identifier: string;
  resource: Record<string, unknown>;
}

export interface CreateWrite { kind: 'create'; rule: RuleName; entries: CreateEntry[] }
/**
 * Closing a step: `completed` when its purpose is met (transport booked, patient told),
 * `cancelled` when it no longer needs doing (the trip is over, the need was closed);
 * `why` goes on the Task as statusReason.
 */
export type WorkflowWrite = CreateWrite | { kind: 'complete'; rule: RuleName; task: TTask; why: string; status?: 'completed' | 'cancelled' };

/** The case manager needs time to book before the patient is ready to leave. */
export const TRANSPORT_LEAD_MS = 2 * 3_600_000;
/** The patient should hear the pickup time well before the van arrives. */
export const NOTIFY_LEAD_MS = 2 * 3_600_000;
const HOME_HEALTH_FIRST_CONTACT_MS = 48 * 3_600_000;

export const followUpIds = {
  transportRequest: (order: TServiceRequest) => `transport-request-${order.id ?? ''}`,
  notifyPatient: (vendorTask: TTask) => `notify-patient-${bookingIdOf(vendorTask) ?? vendorTask.id ?? ''}`,
  homeHealthReferral: (encounterOrPatient: string) => `home-health-referral-${encounterOrPatient.replace(/\//g, '-')}`,
};

export function triggerRules(state: WorkflowState, now: Date): WorkflowWrite[] {
  return [...transportRequests(state, now), ...afterBooked(state, now), ...completions(state)];
}

function exists(state: WorkflowState, identifier: string): boolean {
  const has = (r: { identifier?: { system?: string; value?: string }[] }) => r.identifier?.some((i) => i.system === SYSTEMS.bookingId && i.value === identifier) ?? false;
  return state.tasks.some(has) || state.requests.some(has);
}

/**
 * A step of this kind someone else already made (the app, the EHR, an earlier
 * version of these rules) under another identifier counts too: one step per event.
 */
function stepExists(state: WorkflowState, kind: string, about: (t: TTask) => boolean): boolean {
  return state.tasks.some((t) => stepKind(t) === kind && t.status !== 'entered-in-error' && about(t));
}

function shift(iso: string | undefined, ms: number): string | undefined {
  const t = Date.parse(iso ?? '');
  return Number.isNaN(t) ? undefined : new Date(t + ms).toISOString();
}

/** Rule 1: a discharge order and no transport booking → a transport request for the case manager. */
function transportRequests(state: WorkflowState, now: Date): WorkflowWrite[] {
  const writes: WorkflowWrite[] = [];
  for (const order of state.requests.filter(isDischargeOrder)) {
    const id = followUpIds.transportRequest(order);
    if (!order.id || exists(state, id) || stepExists(state, STEP_KINDS.transportRequest, (t) => t.focus?.reference === ref(order))) continue;
    if (state.requests.some((sr) => isLiveBooking(sr, 'transport') && sameStay(sr, order))) continue;
    // Cancelled because the family drives or the patient declined: the need is closed, do not ask again.
    if (transportNeedClosed(state, order)) continue;
    const resource = stepTask({
      identifier: id, kind: STEP_KINDS.transportRequest, description: 'Book transport for discharge',
      patient: order.subject.reference ?? '', encounter: order.encounter?.reference, focus: ref(order),
      owner: ownerFor(state, order.subject.reference ?? '', CARE_ROLES.caseManager),
      dueBy: shift(plannedDischarge(state, order), -TRANSPORT_LEAD_MS), now: now.toISOString(),
    });
    writes.push({ kind: 'create', rule: 'transport-request', entries: [{ resourceType: 'Task', identifier: id, resource }] });
  }
  return writes;
}

/** Rule 2: transport booked → tell the patient (discharge nurse) and, where called for, refer to home health. */
function afterBooked(state: WorkflowState, now: Date): WorkflowWrite[] {
  const writes: WorkflowWrite[] = [];
  const referred = new Set<string>();
  for (const task of state.tasks.filter(isBookedVendorTask)) {
    const request = state.requests.find((sr) => ref(sr) === task.focus?.reference);
    if (!request || request.status !== 'active' || serviceCategory(request) !== 'transport') continue;
    const pickup = pickupTime(state, request);
    // A finished trip needs nobody to tell the patient its time (the referral still follows it).
    const notify = task.status === 'completed' ? undefined : notifyPatient(state, task, request, pickup, now);
    if (notify) writes.push(notify);
    const referral = homeHealth(state, request, pickup, now);
    if (referral && !referred.has(referral.entries[0]?.identifier ?? '')) {
      referred.add(referral.entries[0]?.identifier ?? '');
      writes.push(referral);
    }
  }
  return writes;
}

function notifyPatient(state: WorkflowState, task: TTask, request: TServiceRequest, pickup: string | undefined, now: Date): WorkflowWrite | undefined {
  const id = followUpIds.notifyPatient(task);
  // Already told, or the ride has left: a step nobody can usefully do is noise on the worklist.
  if (exists(state, id) || patientNotified(state, ref(request))) return undefined;
  if (stepExists(state, STEP_KINDS.notifyPatient, (t) => t.partOf?.some((p) => p.reference === ref(task)) ?? false)) return undefined;
  if (pickup && Date.parse(pickup) <= now.getTime()) return undefined;
  const patient = request.subject.reference ?? '';
  const resource = stepTask({
    identifier: id, kind: STEP_KINDS.notifyPatient, description: 'Tell the patient the pickup time',
    patient, encounter: request.encounter?.reference, focus: ref(request), partOf: ref(task),
    owner: ownerFor(state, patient, CARE_ROLES.dischargeNurse), dueBy: shift(pickup, -NOTIFY_LEAD_MS), now: now.toISOString(),
  });
  return { kind: 'create', rule: 'notify-patient', entries: [{ resourceType: 'Task', identifier: id, resource }] };
}

function homeHealth(state: WorkflowState, request: TServiceRequest, pickup: string | undefined, now: Date): CreateWrite | undefined {
  const patient = request.subject.reference ?? '';
  const stay = request.encounter?.reference ?? patient;
  const calledFor = dispositionOf(state, request.encounter?.reference) === 'hh' || carePlanCallsForHomeHealth(state, patient);
  if (!calledFor) return undefined;
  const id = followUpIds.homeHealthReferral(stay);
  if (exists(state, id) || state.requests.some((sr) => isLiveBooking(sr, 'home-health') && sameStay(sr, request))) return undefined;
  const requestUrl = `urn:uuid:${id}`;
  const input = { identifier: id, patient, encounter: request.encounter?.reference, basedOn: ref(request), start: pickup, requester: request.requester?.reference, now: now.toISOString() };
  const task = referralTask({
    ...input, requestUrl, owner: ownerFor(state, patient, CARE_ROLES.caseManager), dueBy: shift(pickup, HOME_HEALTH_FIRST_CONTACT_MS),
  });
  return {
    kind: 'create', rule: 'home-health-referral',
    entries: [
      { resourceType: 'ServiceRequest', identifier: id, resource: homeHealthReferral(input) },
      { resourceType: 'Task', identifier: `${id}-task`, resource: task },
    ],
  };
}

/**
 * Rule 3: an open step closes itself when its fact exists, so the worklist shows only
 * what is left: completed when its purpose is met, cancelled when it is moot.
 */
function completions(state: WorkflowState): WorkflowWrite[] {
  const writes: WorkflowWrite[] = [];
  for (const task of state.tasks) {
    if (!OPEN_STEP.has(task.status) || !task.focus?.reference) continue;
    const kind = stepKind(task);
    const closed = kind === STEP_KINDS.transportRequest ? transportStepClosed(state, task) : kind === STEP_KINDS.notifyPatient ? notifyStepClosed(state, task) : undefined;
    if (closed) writes.push({ kind: 'complete', rule: 'complete-step', task, ...closed });
  }
  return writes;
}

type Closing = { why: string; status: 'completed' | 'cancelled' };

function transportStepClosed(state: WorkflowState, task: TTask): Closing | undefined {
  const order = state.requests.find((sr) => ref(sr) === task.focus?.reference);
  if (!order) return undefined;
  if (state.requests.some((sr) => isLiveBooking(sr, 'transport') && sameStay(sr, order))) return { why: 'Transport booked', status: 'completed' };
  if (transportNeedClosed(state, order)) return { why: 'No transport needed: the family drives or the patient declined', status: 'cancelled' };
  if (['revoked', 'entered-in-error'].includes(order.status)) return { why: 'The discharge order was withdrawn', status: 'cancelled' };
  return undefined;
}

/** Told → completed; the trip it is about is over (done, cancelled, failed) → nothing left to tell. */
function notifyStepClosed(state: WorkflowState, task: TTask): Closing | undefined {
  const requestRef = task.focus?.reference ?? '';
  if (patientNotified(state, requestRef)) return { why: 'Patient told the pickup time', status: 'completed' };
  const request = state.requests.find((sr) => ref(sr) === requestRef);
  const parent = task.partOf?.map((p) => state.tasks.find((t) => ref(t) === p.reference)).find(Boolean)
    ?? latestVendorTask(state, requestRef);
  if (parent?.status === 'completed') return { why: 'Trip completed', status: 'cancelled' };
  if ((parent && TRIP_OVER.has(parent.status)) || request?.status === 'revoked') return { why: 'Trip cancelled', status: 'cancelled' };
  return undefined;
}

function latestVendorTask(state: WorkflowState, requestRef: string): TTask | undefined {
  return state.tasks
    .filter((t) => t.focus?.reference === requestRef && hasCode(t.code, SYSTEMS.taskCode, STEP_KINDS.fulfill))
    .sort((a, b) => (Date.parse(a.authoredOn ?? '') || 0) - (Date.parse(b.authoredOn ?? '') || 0))
    .at(-1);
}

/** Patients a state mentions, for callers that scope the next load. */
export function patientOf(resource: { subject?: { reference?: string }; for?: { reference?: string } }): string | undefined {
  const id = refId(resource.subject ?? resource.for, 'Patient');
  return id ? `Patient/${id}` : undefined;
}
