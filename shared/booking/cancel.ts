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
import type { FhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import { codeIn } from '../fhir/refs';
import type { TTask } from '../fhir/schemas';
import { sendWrites } from './fallback-writes';
import { assertTransition } from './task-status';
import { provenanceEntry } from './write-plan';

export type CancelledBy = 'facility' | 'patient' | 'vendor';

export interface CancelInput {
  requestType: 'ServiceRequest' | 'DeviceRequest';
  requestId: string;
  taskId: string;
  by: CancelledBy;
  reason: string;
  actor?: string;
  provenanceId: string;
  now: string;
}

export async function cancelBooking(api: FhirApi, input: CancelInput): Promise<void> {
  // Independent reads: one round trip's wait, not two.
  const [task, request] = await Promise.all([api.read('Task', input.taskId), api.read(input.requestType, input.requestId)]);
  const milestone = `cancelled-by-${input.by}`;
  const taskEntry = {
    resource: { ...task, status: 'cancelled', statusReason: { text: input.reason }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: milestone }] }, lastModified: input.now },
    request: { method: 'PUT', url: `Task/${input.taskId}`, ifMatch: `W/"${task.meta?.versionId ?? ''}"` },
  };
  const requestEntry = {
    resource: { ...request, status: 'revoked' },
    request: { method: 'PUT', url: `${input.requestType}/${input.requestId}`, ifMatch: `W/"${request.meta?.versionId ?? ''}"` },
  };
  const provenance = provenanceEntry(input.provenanceId, `Task/${input.taskId}`, milestone, input.now, input.actor, input.reason);
  if (cancelledBy(task, milestone, input.reason)) {
    // An earlier try of this cancel got the Task through and stopped: finish the rest.
    await sendWrites(api, { resourceType: 'Bundle', type: 'transaction', entry: [...(request.status === 'revoked' ? [] : [requestEntry]), provenance] });
    return;
  }
  assertTransition(task.status, 'cancelled', 'requester', input.reason);
  await sendWrites(api, { resourceType: 'Bundle', type: 'transaction', entry: [taskEntry, requestEntry, provenance] });
}

/** The Task already carries exactly this cancellation (status, who, reason). */
function cancelledBy(task: TTask, milestone: string, reason: string): boolean {
  return task.status === 'cancelled' && codeIn(task.businessStatus, SYSTEMS.milestone) === milestone && task.statusReason?.text === reason;
}
