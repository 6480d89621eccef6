import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../fhir/codes';
import { triggerRules, type WorkflowWrite } from './trigger-rules';
import {
  bookedTransport, cancelledTransport, chart, completedTransport, dischargeOrder, NOW, patientToldCommunication, PLANNED, stateOf, type Json,
} from './workflow-fixtures.test-support';

const creates = (writes: WorkflowWrite[]) => writes.flatMap((w) => (w.kind === 'create' ? w.entries : []));
const completes = (writes: WorkflowWrite[]) => writes.flatMap((w) => (w.kind === 'complete' ? [`${w.task.id ?? ''}: ${w.why}`] : []));
const closes = (writes: WorkflowWrite[]) => writes.flatMap((w) => (w.kind === 'complete' ? [`${w.task.id ?? ''} ${w.status ?? 'completed'}: ${w.why}`] : []));

function openStep(id: string, kind: string, focus: string, identifier: string): Json {
  return {
    resourceType: 'Task', id, status: 'requested', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: identifier }],
    code: { coding: [{ system: SYSTEMS.step, code: kind }] }, focus: { reference: focus }, for: { reference: 'Patient/p1' },
  };
}

describe('trigger rules', () => {
  it('a discharge order without transport → a transport request for the care team\'s case manager, due before discharge', () => {
    const [entry, ...rest] = creates(triggerRules(stateOf([...chart(), dischargeOrder()]), NOW));
    expect(rest).toEqual([]);
    expect(entry?.identifier).toBe('transport-request-order-1');
    expect(entry?.resource).toMatchObject({
      status: 'requested', code: { coding: [{ system: SYSTEMS.step, code: 'transport-request' }] },
      owner: { reference: 'PractitionerRole/role-cm-9' }, focus: { reference: 'ServiceRequest/order-1' },
      encounter: { reference: 'Encounter/e1' }, restriction: { period: { end: '2026-11-23T13:00:00.000Z' } },
    });
    expect(Date.parse(String((entry?.resource['restriction'] as { period: { end: string } }).period.end))).toBeLessThan(Date.parse(PLANNED));
  });

  it('without a care team, any case manager role (lowest id, the same for every runner) owns it', () => {
    const resources = [...chart().filter((r) => r.resourceType !== 'CareTeam'), dischargeOrder()];
    expect(creates(triggerRules(stateOf(resources), NOW))[0]?.resource).toMatchObject({ owner: { reference: 'PractitionerRole/role-cm-1' } });
  });

  it('creates nothing twice: the step already on the server stops the rule', () => {
    const state = stateOf([...chart(), dischargeOrder(), openStep('s1', 'transport-request', 'ServiceRequest/order-1', 'transport-request-order-1')]);
    expect(creates(triggerRules(state, NOW))).toEqual([]);
  });

  it('transport booked → notify-patient for the discharge nurse and, for home health disposition, one referral', () => {
    const writes = triggerRules(stateOf([...chart('hh'), dischargeOrder(), ...bookedTransport()]), NOW);
    expect(creates(writes).map((e) => e.identifier)).toEqual(['notify-patient-b-task-1', 'home-health-referral-Encounter-e1', 'home-health-referral-Encounter-e1-task']);
    const [notify, referral, referralTask] = creates(writes);
    expect(notify?.resource).toMatchObject({
      owner: { reference: 'PractitionerRole/role-dn-1' }, partOf: [{ reference: 'Task/task-v1' }], focus: { reference: 'ServiceRequest/sr-t1' },
      // Due two hours before the vendor's appointment time, not the requested window.
      restriction: { period: { end: '2026-11-23T14:30:00.000Z' } },
    });
    expect(referral?.resource).toMatchObject({ code: { coding: [{ system: SYSTEMS.snomed, code: '417511005' }] }, encounter: { reference: 'Encounter/e1' } });
    expect(referralTask?.resource).toMatchObject({ focus: { reference: 'urn:uuid:home-health-referral-Encounter-e1' } });
  });

  it('a patient going home without home health gets no referral', () => {
    const ids = creates(triggerRules(stateOf([...chart('home'), ...bookedTransport()]), NOW)).map((e) => e.identifier);
    expect(ids).toEqual(['notify-patient-b-task-1']);
  });

  it('no notify step once the patient has been told, nor once the pickup has passed', () => {
    const told = creates(triggerRules(stateOf([...chart('home'), ...bookedTransport(), patientToldCommunication()]), NOW));
    expect(told).toEqual([]);
    const late = creates(triggerRules(stateOf([...chart('home'), ...bookedTransport()]), new Date('2026-11-23T17:00:00Z')));
    expect(late).toEqual([]);
  });

  it('completes the transport request once transport is booked and notify-patient once the patient is told', () => {
    const steps = [
      openStep('s1', 'transport-request', 'ServiceRequest/order-1', 'transport-request-order-1'),
      openStep('s2', 'notify-patient', 'ServiceRequest/sr-t1', 'notify-patient-b-task-1'),
    ];
    const before = triggerRules(stateOf([...chart('home'), dischargeOrder(), steps[0] as Json]), NOW);
    expect(completes(before)).toEqual([]);
    const after = triggerRules(stateOf([...chart('home'), dischargeOrder(), ...bookedTransport(), ...steps, patientToldCommunication()]), NOW);
    expect(completes(after)).toEqual(['s1: Transport booked', 's2: Patient told the pickup time']);
  });

  it('a cancelled transport booking does not count, so the transport request stays open', () => {
    const [sr] = bookedTransport();
    const revoked = { ...(sr as Json), status: 'revoked' };
    const ids = creates(triggerRules(stateOf([...chart('home'), dischargeOrder(), revoked]), NOW)).map((e) => e.identifier);
    expect(ids).toEqual(['transport-request-order-1']);
  });
});

describe('steps made elsewhere', () => {
  it('a notify-patient step the app already made for that vendor Task (other identifier) is not duplicated', () => {
    const existing: Json = {
      resourceType: 'Task', id: 'app-notify', status: 'requested', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: 'random-uuid' }],
      code: { coding: [{ system: SYSTEMS.step, code: 'notify-patient' }] }, focus: { reference: 'ServiceRequest/sr-t1' },
      partOf: [{ reference: 'Task/task-v1' }], for: { reference: 'Patient/p1' },
    };
    const ids = creates(triggerRules(stateOf([...chart('home'), ...bookedTransport(), existing]), NOW)).map((e) => e.identifier);
    expect(ids).toEqual([]);
  });
});

describe('a cancellation reason that closes the need', () => {
  const requestSteps = (writes: WorkflowWrite[]) => creates(writes).filter((e) => e.identifier.startsWith('transport-request'));

  it.each(['own-transport', 'patient-declined'])('transport cancelled with "%s" → no transport request for that stay, however often the rules run', (reason) => {
    const state = stateOf([...chart('home'), dischargeOrder(), ...cancelledTransport(reason)]);
    expect(requestSteps(triggerRules(state, NOW))).toEqual([]);
    expect(triggerRules(state, new Date(NOW.getTime() + 3_600_000))).toEqual([]);
  });

  it.each(['discharge-delayed', 'clinical-change', 'vendor-issue', 'duplicate', 'other'])('cancelled with "%s" → the need stays open: a transport request', (reason) => {
    const ids = requestSteps(triggerRules(stateOf([...chart('home'), dischargeOrder(), ...cancelledTransport(reason, 'words')]), NOW)).map((e) => e.identifier);
    expect(ids).toEqual(['transport-request-order-1']);
  });

  it('words alone ("Family will drive the patient home", no code) are not read as a reason: the need stays open', () => {
    const ids = requestSteps(triggerRules(stateOf([...chart('home'), dischargeOrder(), ...cancelledTransport(undefined)]), NOW)).map((e) => e.identifier);
    expect(ids).toEqual(['transport-request-order-1']);
  });

  it('another stay\'s cancellation does not close this one', () => {
    const other = cancelledTransport('own-transport').map((r) => (r.resourceType === 'ServiceRequest' ? { ...r, encounter: { reference: 'Encounter/e-old' } } : r));
    expect(requestSteps(triggerRules(stateOf([...chart('home'), dischargeOrder(), ...other]), NOW))).toHaveLength(1);
  });

  it('an open "book transport" step of that stay is cancelled, with the reason, not left on the worklist', () => {
    const step = openStep('s1', 'transport-request', 'ServiceRequest/order-1', 'transport-request-order-1');
    const writes = triggerRules(stateOf([...chart('home'), dischargeOrder(), ...cancelledTransport('own-transport'), step]), NOW);
    expect(closes(writes)).toEqual(['s1 cancelled: No transport needed: the family drives or the patient declined']);
    expect(creates(writes)).toEqual([]);
  });
});

describe('"tell the patient the pickup time" closes itself when its trip is over', () => {
  const notifyStep = { ...openStep('s2', 'notify-patient', 'ServiceRequest/sr-t1', 'notify-patient-b-task-1'), partOf: [{ reference: 'Task/task-v1' }] };

  it('the trip completed → the step is closed (cancelled: nobody told the patient, and nobody needs to now)', () => {
    expect(closes(triggerRules(stateOf([...chart('home'), ...completedTransport(), notifyStep]), NOW))).toEqual(['s2 cancelled: Trip completed']);
  });

  it('the trip cancelled → closed too', () => {
    expect(closes(triggerRules(stateOf([...chart('home'), ...cancelledTransport('discharge-delayed'), notifyStep]), NOW))).toEqual(['s2 cancelled: Trip cancelled']);
  });

  it('a step without partOf finds its trip through the booking it is about', () => {
    const { partOf: _, ...bare } = notifyStep;
    expect(closes(triggerRules(stateOf([...chart('home'), ...completedTransport(), bare as Json]), NOW))).toEqual(['s2 cancelled: Trip completed']);
  });

  it('a trip still booked keeps its step open; told → completed, as before', () => {
    expect(closes(triggerRules(stateOf([...chart('home'), ...bookedTransport(), notifyStep]), NOW))).toEqual([]);
    expect(closes(triggerRules(stateOf([...chart('home'), ...bookedTransport(), notifyStep, patientToldCommunication()]), NOW))).toEqual(['s2 completed: Patient told the pickup time']);
  });

  it('a trip that completed before any step was made gets no "tell the patient" step (home health still follows)', () => {
    const ids = creates(triggerRules(stateOf([...chart('hh'), ...completedTransport()]), NOW)).map((e) => e.identifier);
    expect(ids).toEqual(['home-health-referral-Encounter-e1', 'home-health-referral-Encounter-e1-task']);
  });
});
