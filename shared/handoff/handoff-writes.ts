// The two network steps of a handoff: attach (fresh Task read, then one transaction)
// and acknowledge.
//
// Without transactions (booking/fallback-writes.ts) attach writes the
// QuestionnaireResponse (found by its identifier if an earlier try made it), then the
// Task with If-Match, pointing at it. Not atomic: a failure between them leaves a
// handoff the vendor cannot see yet; the retry (same responseId) reads the Task afresh,
// finds the response and attaches it, so it ends with one handoff on the Task. The
// Task update keeps If-Match on the version just read: a vendor change in between
// still gives 412 and overwrites nothing.
//
// Two rules hold here, not only on screen: a handoff goes on a live booking only (a
// completed or cancelled one has nobody left to receive it), and the person who wrote
// a handoff cannot acknowledge it (the acknowledgement is the receiver's word).
import { sendWrites } from '../booking/fallback-writes';
import { TERMINAL, isTaskStatus } from '../booking/task-status';
import { CareRelayError } from '../errors/errors';
import type { FhirApi } from '../fhir/api';
import type { HandoffDraft } from './handoff-builders';
import { acknowledgeHandoffPlan, planHandoff } from './handoff-plan';

export interface AttachInput {
  draft: HandoffDraft;
  responseId: string;
  taskId: string;
  patient: string;
  encounter?: string;
  author?: string;
  now: Date;
}

export async function attachHandoff(api: FhirApi, i: AttachInput): Promise<void> {
  // Read the Task now, not from the screen's cache: the vendor may have moved it since, and If-Match needs its current version.
  const task = await api.read('Task', i.taskId);
  if (isTaskStatus(task.status) && TERMINAL.has(task.status)) {
    throw new CareRelayError(`This booking has ended (${task.status === 'completed' ? 'completed' : 'cancelled or closed'}): a handoff can no longer be attached to it`);
  }
  await sendWrites(api, planHandoff({ ...i, task, now: i.now.toISOString() }));
}

export async function acknowledgeHandoff(api: FhirApi, i: { response: string; provenanceId: string; actor?: string; now: Date }): Promise<void> {
  const id = i.response.replace(/^QuestionnaireResponse\//, '').replace(/\/_history\/.*$/, '');
  const response = await api.read('QuestionnaireResponse', id);
  if (isOwnHandoff(response.author?.reference, i.actor)) {
    throw new CareRelayError('You wrote this handoff: the person receiving it acknowledges it, not the sender');
  }
  await sendWrites(api, acknowledgeHandoffPlan({ ...i, now: i.now.toISOString() }));
}

/** "Practitioner/x" whether written relative or as an absolute URL (fhirUser is often absolute). */
function userKey(reference: string | undefined): string | undefined {
  return /([A-Za-z]+\/[^/]+)\/?$/.exec(reference ?? '')?.[1];
}

/** Is the signed-in user the author of this handoff? Unknown on either side is not a match. */
export function isOwnHandoff(author: string | undefined, user: string | undefined): boolean {
  const [a, u] = [userKey(author), userKey(user)];
  return a !== undefined && a === u;
}
