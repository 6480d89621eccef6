// The cancel dialog and the handoff actions as a nurse meets them: a coded reason is
// required ("Other" needs words), a trip en route warns and is recorded as a late
// cancel on the server; the author of a handoff is not offered to acknowledge it, the
// receiver is; a finished booking offers no new handoff.
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../booking/booking-view';
import type { ChartModel } from '../../chart/chart-model';
import { EXTENSIONS, SYSTEMS } from '../../fhir/codes';
import { limitedFhir, providers, type Res } from '../limited-fhir.test-support';
import { CancelBooking } from './cancel-booking';
import { HandoffActions } from './handoff-actions';

const booking = (over: Partial<Booking> = {}): Booking => ({
  id: 'sr1', resourceType: 'ServiceRequest', service: 'transport', label: 'Wheelchair van', requestStatus: 'active',
  taskId: 't1', taskStatus: 'in-progress', milestone: 'en-route', time: '2026-11-23T16:30:00Z', timeIsConfirmed: true, attempts: 1,
  checkpoints: { booked: true, patientNotified: false, patientConfirmed: false, handoffAcknowledged: false }, timeline: [], notices: [], ...over,
});
const seed = (milestone: string, status: string): Res[] => [
  { resourceType: 'ServiceRequest', id: 'sr1', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' } },
  {
    resourceType: 'Task', id: 't1', status, intent: 'order', focus: { reference: 'ServiceRequest/sr1' },
    businessStatus: { coding: [{ system: SYSTEMS.milestone, code: milestone }] },
  },
];
const model: ChartModel = { bookings: [], conditions: [], services: [], organizations: [], failed: {}, invalid: [], provenanceTargets: [] };
const user = { patient: 'p1', fhirUser: 'Practitioner/prac-cm-1' };

describe('CancelBooking', () => {
  it('a trip en route: warns first, then records a late cancel with the coded reason', async () => {
    const fhir = limitedFhir(seed('en-route', 'in-progress'));
    render(<CancelBooking booking={booking()} onClose={() => undefined} />, { wrapper: providers(fhir.transport, user) });
    expect(screen.getByTestId('late-cancel-warning').textContent).toContain('The vendor reports the vehicle is en route. Cancelling now is a late cancel');
    const confirm = screen.getByRole('button', { name: 'Cancel anyway (late cancel)' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole('radio', { name: 'Clinical change' }));
    await userEvent.click(confirm);
    await waitFor(() => expect(fhir.db.get('Task/t1')?.status).toBe('cancelled'));
    expect(fhir.db.get('Task/t1')).toMatchObject({
      statusReason: { coding: [{ system: SYSTEMS.cancelReason, code: 'clinical-change' }], text: 'Clinical change' },
      extension: [{ url: EXTENSIONS.lateCancel, valueCode: 'en-route' }],
      businessStatus: { coding: [{ code: 'cancelled-by-facility' }] },
    });
  });

  it('the screen was stale (the vehicle left after it loaded): the core refuses, the dialog warns, the second press cancels', async () => {
    const fhir = limitedFhir(seed('en-route', 'in-progress'));
    render(<CancelBooking booking={booking({ milestone: 'booked', taskStatus: 'accepted' })} onClose={() => undefined} />, { wrapper: providers(fhir.transport, user) });
    expect(screen.queryByTestId('late-cancel-warning')).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: 'Patient declined' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel booking' }));
    await screen.findByTestId('late-cancel-warning');
    expect(fhir.db.get('Task/t1')?.status).toBe('in-progress');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel anyway (late cancel)' }));
    await waitFor(() => expect(fhir.db.get('Task/t1')?.status).toBe('cancelled'));
  });

  it('"Other" needs words; "Family or own transport" is offered for transport only', async () => {
    const fhir = limitedFhir(seed('booked', 'accepted'));
    const { unmount } = render(<CancelBooking booking={booking({ milestone: 'booked', taskStatus: 'accepted' })} onClose={() => undefined} />, { wrapper: providers(fhir.transport, user) });
    await userEvent.click(screen.getByRole('radio', { name: 'Other' }));
    expect((screen.getByRole('button', { name: 'Cancel booking' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(screen.getByRole('textbox', { name: /Details/ }), 'Wrong patient selected');
    expect((screen.getByRole('button', { name: 'Cancel booking' }) as HTMLButtonElement).disabled).toBe(false);
    unmount();
    render(<CancelBooking booking={booking({ service: 'home-health', label: 'Home health referral', milestone: 'booked' })} onClose={() => undefined} />, { wrapper: providers(fhir.transport, user) });
    expect(screen.queryByRole('radio', { name: 'Family or own transport' })).toBeNull();
    expect(screen.getByRole('radio', { name: 'Patient declined' })).toBeTruthy();
  });
});

describe('HandoffActions', () => {
  const attached = (author: string) => booking({ milestone: 'booked', taskStatus: 'accepted', handoff: { reference: 'QuestionnaireResponse/q1', kind: 'sbar', acknowledged: false, author } });

  it('the author sees that the receiver has yet to acknowledge, and no button to do it', () => {
    render(<HandoffActions booking={attached('http://ehr.example/fhir/R4/Practitioner/prac-cm-1')} model={model} />, { wrapper: providers(limitedFhir([]).transport, user) });
    expect(screen.getByTestId('handoff-waiting').textContent).toContain('Waiting for the receiver to acknowledge');
    expect(screen.queryByRole('button', { name: 'Acknowledge handoff' })).toBeNull();
  });

  it('anyone else is offered it', () => {
    render(<HandoffActions booking={attached('Practitioner/prac-dn-1')} model={model} />, { wrapper: providers(limitedFhir([]).transport, user) });
    expect(screen.getByRole('button', { name: 'Acknowledge handoff' })).toBeTruthy();
  });

  it.each(['completed', 'cancelled'])('a %s booking offers no new handoff', (taskStatus) => {
    render(<HandoffActions booking={booking({ taskStatus, milestone: undefined })} model={model} />, { wrapper: providers(limitedFhir([]).transport, user) });
    expect(screen.queryByRole('button', { name: /^Hand off/ })).toBeNull();
  });

  it('a live booked one does', () => {
    render(<HandoffActions booking={booking({ milestone: 'booked', taskStatus: 'accepted' })} model={model} />, { wrapper: providers(limitedFhir([]).transport, user) });
    expect(screen.getByRole('button', { name: 'Hand off (SBAR)' })).toBeTruthy();
  });
});
