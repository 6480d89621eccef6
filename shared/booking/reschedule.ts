// Ask the vendor for a new time: the order's occurrencePeriod moves, the vendor
// Task goes to reschedule-requested (the vendor confirms again), and a Provenance
// records who asked and when. One transaction with If-Match on every update:
// if anyone changed the booking since the user saw it, nothing is written and
// the caller reloads (412), never overwriting their change.
//
// On a server without transactions (fallback-writes.ts) the request, the Task and
// the Provenance are written one by one in that order, not atomically. A failure
// midway leaves the order moved and the vendor not yet asked; the retry (same
// dialog: same versions seen, same provenanceId) would see the request's new
// version and call it someone else's change. Instead a request that already holds
// exactly the new time is taken as this reschedule's own earlier write: it is not
// written again, the Task is moved if it is not yet at reschedule-requested, and the
// Provenance (a PUT at the client's id) is written. Any other change since the user
// looked is still refused with 412.
import { FhirHttpError, TransitionError, ValidationError } from '../errors/errors';
import type { FhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import { codeIn } from '../fhir/refs';
import { sendWrites } from './fallback-writes';
import { milestoneAllowed, TERMINAL, isTaskStatus } from './task-status';
import { provenanceEntry, type TransactionEntry } from './write-plan';

export interface RescheduleInput {
  requestType: 'ServiceRequest' | 'DeviceRequest';
  requestId: string;
  taskId: string;
  /** Versions the user saw; a newer version on the server means someone else changed it. */
  seen: { task?: string; request?: string };
  start: string;
  end?: string;
  actor?: string;
  provenanceId: string;
  now: string;
}

/** The booking changed since the user looked at it (HTTP 412 semantics, detected before writing). */
export class StaleBookingError extends FhirHttpError {
  constructor(url: string) {
    super(412, 'PUT', url);
  }
}

export async function rescheduleBooking(api: FhirApi, input: RescheduleInput): Promise<void> {
  const start = Date.parse(input.start);
  if (Number.isNaN(start)) throw new ValidationError('New time', 'enter a date and time');
  if (input.end && Date.parse(input.end) <= start) throw new ValidationError('New time', 'the window must end after it starts');
  const task = await api.read('Task', input.taskId);
  const request = await api.read(input.requestType, input.requestId);
  const when = { start: new Date(start).toISOString(), ...(input.end ? { end: new Date(Date.parse(input.end)).toISOString() } : {}) };
  // An earlier try of this same reschedule that stopped midway (see the header).
  const requestDone = input.seen.request !== undefined && request.meta?.versionId !== input.seen.request && samePeriod(request.occurrencePeriod, when);
  const taskDone = requestDone && codeIn(task.businessStatus, SYSTEMS.milestone) === 'reschedule-requested';
  if (input.seen.task && task.meta?.versionId !== input.seen.task && !taskDone) throw new StaleBookingError(`Task/${input.taskId}`);
  if (input.seen.request && request.meta?.versionId !== input.seen.request && !requestDone) throw new StaleBookingError(`${input.requestType}/${input.requestId}`);
  if (!isTaskStatus(task.status) || TERMINAL.has(task.status)) throw new TransitionError(task.status, 'reschedule-requested', 'the booking is closed; book a new one instead');
  const entries: TransactionEntry[] = [];
  if (!requestDone) {
    entries.push({
      fullUrl: `${input.requestType}/${input.requestId}`,
      resource: { ...request, occurrencePeriod: when },
      request: { method: 'PUT', url: `${input.requestType}/${input.requestId}`, ifMatch: `W/"${request.meta?.versionId ?? ''}"` },
    });
  }
  // A vendor that has not answered yet just sees the new time; one that has must confirm it again.
  if (milestoneAllowed(task.status, 'reschedule-requested') && !taskDone) {
    entries.push({
      fullUrl: `Task/${input.taskId}`,
      resource: { ...task, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'reschedule-requested' }] }, lastModified: input.now },
      request: { method: 'PUT', url: `Task/${input.taskId}`, ifMatch: `W/"${task.meta?.versionId ?? ''}"` },
    });
  }
  entries.push(provenanceEntry(input.provenanceId, `Task/${input.taskId}`, 'reschedule-requested', input.now, input.actor, `New time requested: ${when.start}`));
  await sendWrites(api, { resourceType: 'Bundle', type: 'transaction', entry: entries });
}

function samePeriod(a: { start?: string; end?: string } | undefined, b: { start: string; end?: string }): boolean {
  const t = (v: string | undefined) => (v === undefined ? undefined : Date.parse(v));
  return t(a?.start) === t(b.start) && t(a?.end) === t(b.end);
}
