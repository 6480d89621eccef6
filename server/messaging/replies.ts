// A patient's reply, recorded on the booking it answers (the latest text sent to that number)
// and acted on. Each action is keyed by the provider's MessageSid, so the provider retrying a
// webhook does nothing twice.
import { CareRelayError } from '../../shared/errors/errors';
import { entriesOf, type FhirApi } from '../../shared/fhir/api';
import { CARE_ROLES, STEP_KINDS, SYSTEMS } from '../../shared/fhir/codes';
import { MESSAGING } from '../../shared/fhir/messaging-codes';
import { identifierQuery } from '../../shared/fhir/refs';
import type { TCommunication } from '../../shared/fhir/schemas';
import { recordPatientConfirmed } from '../../shared/workflow/checkpoints';
import { batchSearch, emptyState } from '../../shared/workflow/load-state';
import { stepTask } from '../../shared/workflow/step-resources';
import { ownerFor } from '../../shared/workflow/workflow-state';
import { replyIntent } from './templates';

export type ReplyOutcome = 'unknown-number' | 'confirmed' | 'change-requested' | 'opted-out' | 'opted-in' | 'recorded' | 'not-confirmable';

export async function applyReply(api: FhirApi, params: URLSearchParams, now: Date): Promise<ReplyOutcome> {
  const sid = params.get('MessageSid') ?? '';
  const from = params.get('From') ?? '';
  const body = (params.get('Body') ?? '').slice(0, 1000);
  const text = (await textsTo(api, from)).find((c) => c.status !== 'stopped');
  if (!sid || !text) return 'unknown-number';
  await api.create('Communication', replyCommunication(text, sid, from, body, now), `identifier=${encodeURIComponent(`${MESSAGING.providerSid}|${sid}`)}`);
  const request = text.basedOn?.[0]?.reference ?? '';
  const task = (text['partOf'] as { reference?: string }[] | undefined)?.[0]?.reference;
  const patient = (text['subject'] as { reference?: string } | undefined)?.reference ?? '';
  switch (replyIntent(body)) {
    case 'confirm':
      try {
        await recordPatientConfirmed(api, { request, task, provenanceId: `reply-${sid}`.slice(0, 64), now });
        return 'confirmed';
      } catch (error) {
        if (error instanceof CareRelayError) return 'not-confirmable';
        throw error;
      }
    case 'change':
      await api.create('Task', await changeStep(api, { sid, patient, request, task, body, now }), identifierQuery(`patient-change-${sid}`));
      return 'change-requested';
    case 'stop':
      return 'opted-out';
    case 'start':
      return 'opted-in';
    default:
      return 'recorded';
  }
}

function replyCommunication(text: TCommunication, sid: string, from: string, body: string, now: Date): Record<string, unknown> {
  return {
    resourceType: 'Communication',
    identifier: [{ system: MESSAGING.providerSid, value: sid }, { system: MESSAGING.thread, value: from }],
    status: 'completed',
    category: [{ coding: [{ system: MESSAGING.category, code: MESSAGING.patientReply }] }],
    medium: [{ coding: [MESSAGING.medium] }],
    subject: text['subject'],
    ...(text.recipient?.[0] ? { sender: text.recipient[0] } : {}),
    basedOn: text.basedOn,
    ...(text['partOf'] ? { partOf: text['partOf'] } : {}),
    inResponseTo: [{ reference: `Communication/${text.id ?? ''}` }],
    received: now.toISOString(),
    payload: [{ contentString: body }],
  };
}

interface ChangeInput { sid: string; patient: string; request: string; task?: string; body: string; now: Date }

/** "I need to change this": a step for the patient's discharge nurse, with the patient's own words. */
async function changeStep(api: FhirApi, i: ChangeInput): Promise<Record<string, unknown>> {
  const roles = `${SYSTEMS.practitionerRole}|${CARE_ROLES.dischargeNurse}`;
  const [teams, found] = await batchSearch(api, [`CareTeam?patient=${i.patient}&_count=50`, `PractitionerRole?role=${encodeURIComponent(roles)}&_count=200`]);
  const state = { ...emptyState(), careTeams: teams ? entriesOf(teams, 'CareTeam') : [], roles: found ? entriesOf(found, 'PractitionerRole') : [] };
  const words = i.body.replace(/^\s*\S+\s*/, '').trim();
  return stepTask({
    identifier: `patient-change-${i.sid}`, kind: STEP_KINDS.patientChange,
    description: words ? `The patient asks to change the pickup: "${words}"` : 'The patient asks to change the pickup (replied CHANGE)',
    patient: i.patient, focus: i.request, ...(i.task ? { partOf: i.task } : {}),
    owner: ownerFor(state, i.patient, CARE_ROLES.dischargeNurse), now: i.now.toISOString(),
  });
}

/** Our outbound texts on this conversation (the patient's number), latest sent first. */
export async function textsTo(api: FhirApi, phone: string): Promise<TCommunication[]> {
  const bundle = await api.search('Communication', { identifier: `${MESSAGING.thread}|${phone}`, _count: '200' });
  return entriesOf(bundle, 'Communication')
    .filter((c) => (c['category'] as { coding?: { code?: string }[] }[] | undefined)?.some((k) => k.coding?.some((x) => x.code === MESSAGING.patientText)))
    .sort((a, b) => (Date.parse(b.sent ?? '') || 0) - (Date.parse(a.sent ?? '') || 0));
}

