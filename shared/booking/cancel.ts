// Cancel a booking with a reason: the vendor Task moves to cancelled (checked by
// the state machine), the request is revoked, and a Provenance records who and
// why. One transaction with If-Match on both updates: a concurrent change gives
// 412 and nothing is overwritten.
//
// On a server without transactions (fallback-writes.ts) the three are written in
// that order, one by one, and are not atomic: a failure after the Task leaves it
// cancelled with the request still active and no Provenance. The retry (same
// dialog, same provenanceId) then finds the Task already cancelled by this very
// action (same who and reason) and finishes the rest instead of refusing a
// cancelled → cancelled move; the Provenance is a PUT at the client's id, so
// writing it twice leaves one. A Task cancelled by anyone else is still refused.
//
// A coded reason (cancel-reasons.ts) goes on Task.statusReason and Provenance.reason
// with the words. The Task is read fresh: if the vendor has reported the vehicle en
// route (or later) the cancel is late, and is refused until the caller says the user
// saw that warning (acceptLate); it is then recorded as late on the Task and the
// Provenance, so metrics and the vendor's invoice check can find it.
import { CareRelayError } from '../errors/errors';
import type { FhirApi } from '../fhir/api';
import { EXTENSIONS, SYSTEMS } from '../fhir/codes';
import { codeIn } from '../fhir/refs';
import type { TTask } from '../fhir/schemas';
import { sendWrites } from './fallback-writes';
import { assertTransition } from './task-status';
import { provenanceEntry } from './write-plan';
import { cancelReasonConcept, LATE_CANCEL_MILESTONES, lateCancelOf, type CancelledBy, type CancelReason } from './cancel-reasons';

export type { CancelledBy } from './cancel-reasons';

/** The vehicle has left (en route or later) and the user has not been warned yet. */
export class LateCancelError extends CareRelayError {
  constructor(readonly milestone: string) {
    super(`The vendor reported the vehicle ${milestone === 'picked-up' ? 'has picked up the patient' : 'en route'}: cancelling now is a late cancel. Confirm to cancel anyway.`);
  }
}

export interface CancelInput {
  requestType: 'ServiceRequest' | 'DeviceRequest';
  requestId: string;
  taskId: string;
  by: CancelledBy;
  /** The words on the Task (statusReason.text): the user's details, else the coded reason's label. */
  reason: string;
  /** The coded reason; without one the cancel carries words only (older callers). */
  reasonCode?: CancelReason;
  /** The user saw the late-cancel warning (the vehicle is en route or later) and confirmed. */
  acceptLate?: boolean;
  actor?: string;
  provenanceId: string;
  now: string;
}

export async function cancelBooking(api: FhirApi, input: CancelInput): Promise<void> {
  // Independent reads: one round trip's wait, not two.
  const [task, request] = await Promise.all([api.read('Task', input.taskId), api.read(input.requestType, input.requestId)]);
  const milestone = `cancelled-by-${input.by}`;
  const statusReason = input.reasonCode ? cancelReasonConcept(input.reasonCode, input.reason) : { text: input.reason };
  const reached = codeIn(task.businessStatus, SYSTEMS.milestone);
  // A retry of this very cancel finds the Task already cancelled: the late flag it wrote then still holds.
  const late = task.status === 'cancelled' ? lateCancelOf(task) : reached !== undefined && LATE_CANCEL_MILESTONES.has(reached) ? reached : undefined;
  const lateExtension = late ? [{ url: EXTENSIONS.lateCancel, valueCode: late }] : [];
  const taskEntry = {
    resource: {
      ...task, status: 'cancelled', statusReason, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: milestone }] }, lastModified: input.now,
      ...(late ? { extension: [...otherExtensions(task), ...lateExtension] } : {}),
    },
    request: { method: 'PUT', url: `Task/${input.taskId}`, ifMatch: `W/"${task.meta?.versionId ?? ''}"` },
  };
  const requestEntry = {
    resource: { ...request, status: 'revoked' },
    request: { method: 'PUT', url: `${input.requestType}/${input.requestId}`, ifMatch: `W/"${request.meta?.versionId ?? ''}"` },
  };
  const provenance = withCodedReason(provenanceEntry(input.provenanceId, `Task/${input.taskId}`, milestone, input.now, input.actor, input.reason), input, lateExtension);
  if (cancelledBy(task, milestone, input.reason)) {
    // An earlier try of this cancel got the Task through and stopped: finish the rest.
    await sendWrites(api, { resourceType: 'Bundle', type: 'transaction', entry: [...(request.status === 'revoked' ? [] : [requestEntry]), provenance] });
    return;
  }
  assertTransition(task.status, 'cancelled', 'requester', input.reason);
  if (late && !input.acceptLate) throw new LateCancelError(late);
  await sendWrites(api, { resourceType: 'Bundle', type: 'transaction', entry: [taskEntry, requestEntry, provenance] });
}

/** The Task already carries exactly this cancellation (status, who, reason). */
function cancelledBy(task: TTask, milestone: string, reason: string): boolean {
  return task.status === 'cancelled' && codeIn(task.businessStatus, SYSTEMS.milestone) === milestone && task.statusReason?.text === reason;
}

function otherExtensions(task: TTask): unknown[] {
  const list: unknown = task['extension'];
  return Array.isArray(list) ? list.filter((x: { url?: unknown }) => x.url !== EXTENSIONS.lateCancel) : [];
}

/** The cancel's Provenance carries the coded reason (and the late flag) too: the timeline reads it from there. */
function withCodedReason(entry: ReturnType<typeof provenanceEntry>, input: CancelInput, lateExtension: unknown[]): ReturnType<typeof provenanceEntry> {
  if (!input.reasonCode && !lateExtension.length) return entry;
  return {
    ...entry,
    resource: {
      ...entry.resource,
      ...(input.reasonCode ? { reason: [cancelReasonConcept(input.reasonCode, input.reason)] } : {}),
      ...(lateExtension.length ? { extension: lateExtension } : {}),
    },
  };
}
