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
import { sendWrites } from '../booking/fallback-writes';
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
  await sendWrites(api, planHandoff({ ...i, task, now: i.now.toISOString() }));
}

export async function acknowledgeHandoff(api: FhirApi, i: { response: string; provenanceId: string; actor?: string; now: Date }): Promise<void> {
  await sendWrites(api, acknowledgeHandoffPlan({ ...i, now: i.now.toISOString() }));
}
