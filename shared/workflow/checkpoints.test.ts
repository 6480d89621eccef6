import { describe, expect, it } from 'vitest';
import { parseWith } from '../fhir/api';
import { Appointment } from '../fhir/schemas';
import { confirmedAppointment, patientNotifiedBundle } from './checkpoints';
import { bookedTransport, chart, NOW, stateOf } from './workflow-fixtures.test-support';
import { patientNotified } from './workflow-state';

describe('checkpoints', () => {
  it('"patient notified" is a completed Communication the notify-patient rule recognises, plus the timeline entry', () => {
    const bundle = patientNotifiedBundle({
      request: 'ServiceRequest/sr-t1', patient: 'Patient/p1', task: 'Task/task-v1', message: 'Wheelchair van: pickup 23/11 16:30',
      actor: 'PractitionerRole/role-dn-1', communicationId: 'c-1', now: NOW,
    });
    const [communication, provenance] = bundle.entry as { resource: Record<string, unknown> & { resourceType: string; id?: string }; request: unknown }[];
    expect(communication?.request).toEqual({ method: 'POST', url: 'Communication', ifNoneExist: expect.stringContaining('c-1') });
    expect(communication?.resource).toMatchObject({ status: 'completed', recipient: [{ reference: 'Patient/p1' }], payload: [{ contentString: 'Wheelchair van: pickup 23/11 16:30' }] });
    expect(provenance?.resource).toMatchObject({ target: [{ reference: 'Task/task-v1' }], activity: { coding: [{ code: 'patient-notified' }] } });
    const state = stateOf([...chart(), ...bookedTransport(), { ...communication?.resource, resourceType: 'Communication', id: 'x' }]);
    expect(patientNotified(state, 'ServiceRequest/sr-t1')).toBe(true);
  });

  it('"patient confirmed" accepts only the patient participant, and is a no-op when already accepted', () => {
    const appt = parseWith(Appointment, 'fixture', {
      resourceType: 'Appointment', id: 'a1', status: 'booked',
      participant: [{ actor: { reference: 'Patient/p1' }, status: 'needs-action' }, { actor: { reference: 'HealthcareService/hcs-v1' }, status: 'accepted' }],
    });
    const next = confirmedAppointment(appt);
    expect(next?.participant.map((p) => p.status)).toEqual(['accepted', 'accepted']);
    expect(next && confirmedAppointment(next)).toBeUndefined();
  });
});
