// "Record patient notified" / "Record patient confirmed" on an EHR without
// transactions: the checkpoint and its timeline Provenance are written step by
// step, and the server holds them (before, the notified button sent a transaction
// the server refused).
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../booking/booking-view';
import { SYSTEMS } from '../../fhir/codes';
import { limitedFhir, providers, type Res } from '../limited-fhir.test-support';
import { CheckpointActions } from './checkpoint-actions';

const booking: Booking = {
  id: 'sr1', resourceType: 'ServiceRequest', service: 'transport', label: 'Wheelchair van', requestStatus: 'active',
  taskId: 't1', taskStatus: 'accepted', time: '2026-11-23T16:30:00Z', timeIsConfirmed: true, confirmation: 'AB12', attempts: 1,
  checkpoints: { booked: true, patientNotified: false, patientConfirmed: false, handoffAcknowledged: false }, timeline: [], notices: [],
};
const seed: Res[] = [
  { resourceType: 'Task', id: 't1', status: 'accepted', intent: 'order', focus: { reference: 'ServiceRequest/sr1' } },
  {
    resourceType: 'Appointment', id: 'a1', status: 'booked', basedOn: [{ reference: 'ServiceRequest/sr1' }],
    participant: [{ actor: { reference: 'Patient/p1' }, status: 'needs-action' }, { actor: { reference: 'HealthcareService/hcs-v1' }, status: 'accepted' }],
  },
];

function renderActions() {
  const fhir = limitedFhir(seed);
  render(<CheckpointActions booking={booking} />, { wrapper: providers(fhir.transport, { patient: 'p1', fhirUser: 'PractitionerRole/dn' }) });
  return fhir;
}

describe('CheckpointActions on an EHR without transactions', () => {
  it('patient notified: the Communication (found first by its identifier), then the Provenance on the vendor Task', async () => {
    const fhir = renderActions();
    await userEvent.click(screen.getByRole('button', { name: 'Record patient notified' }));
    await waitFor(() => expect(fhir.writes()).toEqual(['POST Communication', expect.stringMatching(/^PUT Provenance\/.+-prov$/)]));
    const communication = [...fhir.db.values()].find((r) => r.resourceType === 'Communication');
    expect(communication).toMatchObject({ status: 'completed', recipient: [{ reference: 'Patient/p1' }], payload: [{ contentString: expect.stringContaining('confirmation #AB12') }] });
    expect((communication?.identifier as { system: string }[])[0]?.system).toBe(SYSTEMS.bookingId);
    const provenance = [...fhir.db.values()].find((r) => r.resourceType === 'Provenance');
    expect(provenance).toMatchObject({ target: [{ reference: 'Task/t1' }], activity: { coding: [{ code: 'patient-notified' }] }, agent: [{ who: { reference: 'PractitionerRole/dn' } }] });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('patient confirmed: the Appointment with If-Match, then the Provenance', async () => {
    const fhir = renderActions();
    await userEvent.click(screen.getByRole('button', { name: 'Record patient confirmed' }));
    await waitFor(() => expect(fhir.writes()).toEqual(['PUT Appointment/a1', expect.stringMatching(/^PUT Provenance\//)]));
    expect(fhir.db.get('Appointment/a1')?.participant).toEqual([{ actor: { reference: 'Patient/p1' }, status: 'accepted' }, { actor: { reference: 'HealthcareService/hcs-v1' }, status: 'accepted' }]);
    expect([...fhir.db.values()].find((r) => r.resourceType === 'Provenance')).toMatchObject({ activity: { coding: [{ code: 'patient-confirmed' }] } });
  });
});
