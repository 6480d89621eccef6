// A handoff travels with the booking: the QuestionnaireResponse (conditional create on
// our identifier) and the vendor Task pointing at it (Task.input "handoff", PUT with
// If-Match) go in ONE transaction, so there is never a handoff the vendor cannot find
// nor a Task input pointing at nothing.
import type { TransactionBundle, TransactionEntry } from '../booking/write-plan';
import { SYSTEMS, TASK_PARAMS } from '../fhir/codes';
import { codeIn, identifierQuery } from '../fhir/refs';
import type { TTask } from '../fhir/schemas';
import { HANDOFF_ACKNOWLEDGED, HANDOFF_QUESTIONNAIRES } from '../fhir/handoff-codes';
import type { HandoffDraft } from './handoff-builders';

export interface HandoffPlanInput {
  draft: HandoffDraft;
  /** Made on the client before the first send: a retry finds the same QuestionnaireResponse. */
  responseId: string;
  /** The vendor Task as last read (its meta.versionId guards the update). */
  task: TTask;
  patient: string;
  encounter?: string;
  author?: string;
  now: string;
}

const urn = (id: string) => `urn:uuid:${id}`;

export function planHandoff(i: HandoffPlanInput): TransactionBundle {
  if (!i.task.id) throw new Error('planHandoff: the vendor Task has no id');
  const response: TransactionEntry = {
    fullUrl: urn(i.responseId),
    resource: {
      resourceType: 'QuestionnaireResponse',
      // R4: QuestionnaireResponse.identifier is a single Identifier, not a list.
      identifier: { system: SYSTEMS.bookingId, value: i.responseId },
      status: 'completed',
      questionnaire: HANDOFF_QUESTIONNAIRES[i.draft.kind],
      subject: { reference: i.patient },
      ...(i.encounter ? { encounter: { reference: i.encounter } } : {}),
      authored: i.now,
      ...(i.author ? { author: { reference: i.author } } : {}),
      // An unanswered item (synthesis before the receiver speaks) has no answer: FHIR forbids empty answers.
      item: i.draft.items.map((it) => ({ linkId: it.linkId, text: it.text, ...(it.value.trim() ? { answer: [{ valueString: it.value }] } : {}) })),
    },
    request: { method: 'POST', url: 'QuestionnaireResponse', ifNoneExist: identifierQuery(i.responseId) },
  };
  const { meta, ...task } = i.task;
  // A newer handoff replaces the previous one: the vendor reads one handoff per booking.
  const inputs = (task.input ?? []).filter((p) => codeIn(p.type, SYSTEMS.taskParam) !== TASK_PARAMS.handoff);
  const taskEntry: TransactionEntry = {
    fullUrl: `Task/${task.id}`,
    // lastModified stays: it times the vendor's answer (no-answer re-dispatch), which a handoff does not reset.
    resource: { ...task, input: [...inputs, { type: { coding: [{ system: SYSTEMS.taskParam, code: TASK_PARAMS.handoff }] }, valueReference: { reference: urn(i.responseId) } }] },
    request: { method: 'PUT', url: `Task/${task.id}`, ifMatch: `W/"${meta?.versionId ?? ''}"` },
  };
  return { resourceType: 'Bundle', type: 'transaction', entry: [response, taskEntry] };
}

export interface AcknowledgeInput {
  /** "QuestionnaireResponse/…" being acknowledged. */
  response: string;
  provenanceId: string;
  actor?: string;
  now: string;
}

/** The receiver's acknowledgement: a Provenance on the QuestionnaireResponse, PUT at a client id (R4 Provenance has no identifier). */
export function acknowledgeHandoffPlan(i: AcknowledgeInput): TransactionBundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [{
      fullUrl: urn(i.provenanceId),
      resource: {
        resourceType: 'Provenance',
        id: i.provenanceId,
        target: [{ reference: i.response }],
        recorded: i.now,
        activity: { coding: [{ ...HANDOFF_ACKNOWLEDGED, display: 'Handoff acknowledged' }] },
        agent: [{ who: i.actor ? { reference: i.actor } : { display: 'CareRelay' } }],
      },
      request: { method: 'PUT', url: `Provenance/${i.provenanceId}` },
    }],
  };
}
