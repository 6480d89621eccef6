// The app shell over a faked FHIR endpoint (msw) fed with the sandbox seed:
// what a case manager sees for pat-001, and the one transaction a booking sends.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createFetchTransport } from '../../shared/fhir/transport';
import { SYSTEMS } from '../../shared/fhir/codes';
import { generateSeed } from '../../sandbox/seed/index';
import { chartHandlers, TEST_FHIR } from '../../test/msw/chart-handlers';
import { mswServer } from '../../test/msw/server';
import { App } from './app';

const seed = generateSeed({ seed: 42, now: new Date('2026-11-22T12:00:00Z') });
const context = { patient: 'pat-001', encounter: 'enc-001', fhirUser: 'Practitioner/prac-cm-1', needPatientBanner: true, scopes: [], serverUrl: TEST_FHIR };

function renderApp(settings: { metrics?: boolean } = {}) {
  const transport = createFetchTransport({ baseUrl: TEST_FHIR, fetch, authorization: async () => 'Bearer test' });
  return render(<App transport={transport} context={context} pollMs={60_000} {...settings} />);
}

describe('App', () => {
  it('shows the patient banner and the care plan with goals and the care team', async () => {
    mswServer.use(...chartHandlers(seed));
    renderApp();
    expect((await screen.findByTestId('patient-name')).textContent).toMatch(/\S+ \S+/);
    const goals = await screen.findByRole('table', { name: 'Goals' });
    expect(within(goals).getAllByRole('row').length).toBeGreaterThan(1);
    expect(screen.getByText(/Case manager:/)).toBeTruthy();
  });

  it('books a wheelchair van in one transaction of conditional creates', async () => {
    const sent: unknown[] = [];
    mswServer.use(...chartHandlers(seed, (body) => {
      sent.push(body);
      return HttpResponse.json({ resourceType: 'Bundle', type: 'transaction-response', entry: [
        { response: { status: '201 Created', location: 'Location/l1/_history/1' } },
        { response: { status: '201 Created', location: 'ServiceRequest/sr1/_history/1' } },
        { response: { status: '201 Created', location: 'Task/t1/_history/1' } },
        { response: { status: '201 Created', location: 'Provenance/p1/_history/1' } },
      ] });
    }));
    renderApp();
    await userEvent.click(await screen.findByRole('tab', { name: 'Book transport' }));
    // The form is lazy-loaded: allow for the import.
    expect(await screen.findByText(/Wheelchair dependence \(Z99\.3\)/, undefined, { timeout: 10_000 })).toBeTruthy();
    const confirm = screen.getByRole('button', { name: 'Confirm booking' });
    await userEvent.dblClick(confirm);
    expect(await screen.findByRole('tab', { name: /Bookings/, selected: true }, { timeout: 5_000 })).toBeTruthy();
    expect(sent).toHaveLength(1);
    const entries = (sent[0] as { entry: { resource: { resourceType: string }; request: { ifNoneExist?: string } }[] }).entry;
    const sr = entries.find((e) => e.resource.resourceType === 'ServiceRequest');
    // Created on its booking slot (patient + service + day + leg), so a second writer gets this one back.
    expect(sr?.request.ifNoneExist).toMatch(new RegExp(`^identifier=${SYSTEMS.bookingSlot}\\|slot-transport-\\d{8}-o-`));
    expect(JSON.stringify(sr?.resource)).toContain('"code":"A0130"');
  });

  it('shows the Metrics tab unless the deployment switches it off (features.metrics)', async () => {
    mswServer.use(...chartHandlers(seed));
    const { unmount } = renderApp();
    expect(await screen.findByRole('tab', { name: 'Metrics' })).toBeTruthy();
    unmount();
    renderApp({ metrics: false });
    expect(await screen.findByRole('tab', { name: 'Worklist' })).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Metrics' })).toBeNull();
  });
});
