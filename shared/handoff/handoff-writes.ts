// The two network steps of a handoff: attach (fresh Task read, then one transaction)
// and acknowledge.
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
  await api.transaction(planHandoff({ ...i, task, now: i.now.toISOString() }));
}

export async function acknowledgeHandoff(api: FhirApi, i: { response: string; provenanceId: string; actor?: string; now: Date }): Promise<void> {
  await api.transaction(acknowledgeHandoffPlan({ ...i, now: i.now.toISOString() }));
}
