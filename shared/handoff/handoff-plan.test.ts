import { describe, expect, it } from 'vitest';
import { buildBookings } from '../booking/booking-view';
import { SYSTEMS } from '../fhir/codes';
import type { TProvenance, TQuestionnaireResponse, TServiceRequest, TTask } from '../fhir/schemas';
import { HANDOFF_QUESTIONNAIRES } from '../fhir/handoff-codes';
import { acknowledgeHandoffPlan, planHandoff } from './handoff-plan';

const task: TTask = {
  resourceType: 'Task', id: 't1', meta: { versionId: '3' }, status: 'accepted', intent: 'order',
  code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] }, focus: { reference: 'ServiceRequest/sr1' },
  input: [{ type: { coding: [{ system: SYSTEMS.taskParam, code: 'pickup-location' }] }, valueReference: { reference: 'Location/bed' } }],
};
const draft = { kind: 'sbar' as const, items: [{ linkId: 'situation', text: 'Situation', value: 'Going home' }, { linkId: 'background', text: 'Background', value: '  ' }] };
const plan = () => planHandoff({ draft, responseId: 'qr-1', task, patient: 'Patient/p1', encounter: 'Encounter/e1', author: 'PractitionerRole/r1', now: '2026-11-22T09:00:00Z' });

describe('planHandoff', () => {
  it('creates the QuestionnaireResponse conditionally on its single identifier', () => {
    const [qr] = plan().entry;
    expect(qr?.request).toEqual({ method: 'POST', url: 'QuestionnaireResponse', ifNoneExist: `identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|qr-1`)}` });
    expect(qr?.resource).toMatchObject({
      resourceType: 'QuestionnaireResponse', identifier: { system: SYSTEMS.bookingId, value: 'qr-1' }, status: 'completed',
      questionnaire: HANDOFF_QUESTIONNAIRES.sbar, subject: { reference: 'Patient/p1' }, encounter: { reference: 'Encounter/e1' },
      authored: '2026-11-22T09:00:00Z', author: { reference: 'PractitionerRole/r1' },
    });
    // A blank field is an item without an answer, never an empty valueString.
    expect(qr?.resource.item).toEqual([
      { linkId: 'situation', text: 'Situation', answer: [{ valueString: 'Going home' }] },
      { linkId: 'background', text: 'Background' },
    ]);
  });

  it('updates the vendor Task with If-Match, keeping its inputs and adding the handoff by urn', () => {
    const [qr, t] = plan().entry;
    expect(t?.request).toEqual({ method: 'PUT', url: 'Task/t1', ifMatch: 'W/"3"' });
    expect(t?.resource.meta).toBeUndefined();
    expect(t?.resource.input).toEqual([
      task.input?.[0],
      { type: { coding: [{ system: SYSTEMS.taskParam, code: 'handoff' }] }, valueReference: { reference: qr?.fullUrl } },
    ]);
    expect(qr?.fullUrl).toBe('urn:uuid:qr-1');
  });

  it('replaces an earlier handoff instead of stacking them', () => {
    const withOld: TTask = { ...task, input: [...(task.input ?? []), { type: { coding: [{ system: SYSTEMS.taskParam, code: 'handoff' }] }, valueReference: { reference: 'QuestionnaireResponse/old' } }] };
    const t = planHandoff({ draft, responseId: 'qr-2', task: withOld, patient: 'Patient/p1', now: 'x' }).entry[1];
    expect(JSON.stringify(t?.resource.input)).not.toContain('QuestionnaireResponse/old');
  });
});

describe('acknowledgement and the booking view', () => {
  const request: TServiceRequest = {
    resourceType: 'ServiceRequest', id: 'sr1', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' },
    category: [{ coding: [{ system: SYSTEMS.serviceType, code: 'transport' }] }],
  };
  const attached: TTask = { ...task, input: [{ type: { coding: [{ system: SYSTEMS.taskParam, code: 'handoff' }] }, valueReference: { reference: 'QuestionnaireResponse/q9' } }] };
  const qr: TQuestionnaireResponse = { resourceType: 'QuestionnaireResponse', id: 'q9', status: 'completed', questionnaire: HANDOFF_QUESTIONNAIRES.ipass };
  const ack = acknowledgeHandoffPlan({ response: 'QuestionnaireResponse/q9', provenanceId: 'pv1', actor: 'PractitionerRole/r2', now: '2026-11-22T10:00:00Z' }).entry[0];
  const view = (provenance: TProvenance[]) => buildBookings({ requests: [request], tasks: [attached], appointments: [], provenance, communications: [], organizations: [], handoffs: [qr] })[0];

  it('PUTs a Provenance on the QuestionnaireResponse with the handoff-acknowledged step code', () => {
    expect(ack?.request).toEqual({ method: 'PUT', url: 'Provenance/pv1' });
    expect(ack?.resource).toMatchObject({ target: [{ reference: 'QuestionnaireResponse/q9' }], activity: { coding: [{ system: SYSTEMS.step, code: 'handoff-acknowledged' }] }, agent: [{ who: { reference: 'PractitionerRole/r2' } }] });
  });

  it('shows the attached handoff, and the checkpoint only once acknowledged', () => {
    expect(view([])?.handoff).toEqual({ reference: 'QuestionnaireResponse/q9', kind: 'ipass', acknowledged: false });
    expect(view([])?.checkpoints.handoffAcknowledged).toBe(false);
    const provenance = ack?.resource as unknown as TProvenance;
    expect(view([provenance])?.checkpoints.handoffAcknowledged).toBe(true);
    // A milestone Provenance on the same resource is not an acknowledgement.
    expect(view([{ ...provenance, activity: { coding: [{ system: SYSTEMS.milestone, code: 'booked' }] } }])?.checkpoints.handoffAcknowledged).toBe(false);
  });

  it('has no handoff when the Task has none', () => {
    expect(buildBookings({ requests: [request], tasks: [task], appointments: [], provenance: [], communications: [], organizations: [] })[0]?.handoff).toBeUndefined();
  });
});
