// Texts and replies on the booking a nurse sees: what was sent and answered in the timeline,
// "patient notified" only once a text is delivered, and a notice when it could not be.
import { describe, expect, it } from 'vitest';
import { MESSAGING } from '../fhir/messaging-codes';
import { bookedTransport, chart, stateOf, type Json } from '../workflow/workflow-fixtures.test-support';
import { patientNotified } from '../workflow/workflow-state';
import { buildBookings } from './booking-view';

const category = (code: string) => [{ coding: [{ system: MESSAGING.category, code }] }];

function text(id: string, status: string, extra: Record<string, unknown> = {}): Json {
  return {
    resourceType: 'Communication', id, status, category: category(MESSAGING.patientText), subject: { reference: 'Patient/p1' },
    recipient: [{ reference: 'Patient/p1' }], basedOn: [{ reference: 'ServiceRequest/sr-t1' }], sent: '2026-11-22T10:00:00Z',
    payload: [{ contentString: 'CareRelay: Your ride is booked.' }], ...extra,
  };
}

const reply: Json = {
  resourceType: 'Communication', id: 'r1', status: 'completed', category: category(MESSAGING.patientReply), subject: { reference: 'Patient/p1' },
  sender: { reference: 'Patient/p1' }, basedOn: [{ reference: 'ServiceRequest/sr-t1' }], received: '2026-11-22T10:05:00Z', payload: [{ contentString: 'YES' }],
};

function bookingWith(comms: Json[]) {
  const state = stateOf([...chart(), ...bookedTransport(), ...comms]);
  const [booking] = buildBookings({ requests: state.requests, tasks: state.tasks, appointments: state.appointments, provenance: [], communications: state.communications, organizations: [] });
  return { booking, notified: patientNotified(state, 'ServiceRequest/sr-t1') };
}

describe('texts on the booking', () => {
  it('sent, not yet delivered: on the timeline with its words; not "patient notified"; the reply alone does not notify', () => {
    const { booking, notified } = bookingWith([text('t1', 'in-progress', { extension: [{ url: MESSAGING.providerStatus, valueCode: 'sent' }] }), reply]);
    expect(booking?.timeline.map((e) => e.text)).toEqual(['Text to the patient, sent, not yet delivered (sent): "CareRelay: Your ride is booked."', 'The patient replied: "YES"']);
    expect(booking?.checkpoints.patientNotified).toBe(false);
    expect(notified).toBe(false);
    expect(booking?.notices).toEqual([]);
  });

  it('delivered: "patient notified" in the booking view and for the trigger rules', () => {
    const { booking, notified } = bookingWith([text('t1', 'completed')]);
    expect(booking?.checkpoints.patientNotified).toBe(true);
    expect(notified).toBe(true);
    expect(booking?.timeline[0]?.text).toMatch(/^Text to the patient, delivered: /);
  });

  it('not delivered: a notice with the reason, until a later text for a new time goes through', () => {
    const failed = text('t1', 'not-done', { statusReason: { text: 'Not delivered: the phone is unreachable (error 30003)' } });
    expect(bookingWith([failed]).booking?.notices).toEqual(['Text to the patient not delivered: the phone is unreachable (error 30003). Call the patient and record it.']);
    expect(bookingWith([failed, text('t2', 'completed', { sent: '2026-11-22T11:00:00Z' })]).booking?.notices).toEqual([]);
  });
});
