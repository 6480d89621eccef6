// Cancel a booking with a reason: the vendor Task moves to cancelled (checked by
// the state machine), the request is revoked, and a Provenance records who and
// why. One transaction with If-Match on both updates: a concurrent change gives
// 412 and nothing is overwritten.
import type { FhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
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
  assertTransition(task.status, 'cancelled', 'requester', input.reason);
  const milestone = `cancelled-by-${input.by}`;
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        resource: { ...task, status: 'cancelled', statusReason: { text: input.reason }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: milestone }] }, lastModified: input.now },
        request: { method: 'PUT', url: `Task/${input.taskId}`, ifMatch: `W/"${task.meta?.versionId ?? ''}"` },
      },
      {
        resource: { ...request, status: 'revoked' },
        request: { method: 'PUT', url: `${input.requestType}/${input.requestId}`, ifMatch: `W/"${request.meta?.versionId ?? ''}"` },
      },
      provenanceEntry(input.provenanceId, `Task/${input.taskId}`, milestone, input.now, input.actor, input.reason),
    ],
  };
  await api.transaction(bundle);
}
