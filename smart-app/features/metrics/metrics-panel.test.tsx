// The Metrics tab over a faked FHIR endpoint (msw) holding the hand-computed
// fixture (shared/metrics/fixture.ts): drill-down rows with names, vendors,
// values and timelines, chart links, the facility's time zone, and the timed
// refresh that fetches only changes.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../../shared/booking/outbox';
import { createFetchTransport } from '../../../shared/fhir/transport';
import { fixture } from '../../../shared/metrics/fixture';
import { FhirProvider } from '../../../shared/ui/data/fhir-context';
import { mswServer } from '../../../test/msw/server';
import { MetricsPanel } from './metrics-panel';

const FHIR = 'https://fhir.metrics.test/R4';
type Res = Record<string, unknown> & { resourceType: string; id: string };

/** Search by type with _id and _lastUpdated=ge; every other filter is ignored (returns more, never less). */
function searchServer(resources: Res[], options: { patients?: 'ok' | 'forbidden' } = {}) {
  const db = new Map(resources.map((r) => [`${r.resourceType}/${r.id}`, r]));
  const log: URL[] = [];
  const handler = http.get(`${FHIR}/:type`, ({ request, params }) => {
    const url = new URL(request.url);
    log.push(url);
    const type = String(params.type);
    if (type === 'Patient' && options.patients === 'forbidden') {
      return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'scope' }] }, { status: 403 });
    }
    const ids = url.searchParams.get('_id')?.split(',');
    const since = url.searchParams.get('_lastUpdated')?.replace(/^ge/, '');
    const entry = [...db.values()]
      .filter((r) => r.resourceType === type && (!ids || ids.includes(r.id)))
      .filter((r) => !since || Date.parse(String((r.meta as { lastUpdated?: string } | undefined)?.lastUpdated)) >= Date.parse(since))
      .map((resource) => ({ resource, search: { mode: 'match' } }));
    return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry });
  });
  return { db, log, handler };
}

const stamped = (at: string): Res[] => [
  ...fixture.serviceRequests, ...fixture.deviceRequests, ...fixture.tasks, ...fixture.provenances,
  ...fixture.appointments, ...fixture.communications, ...fixture.organizations,
].filter((r): r is Res => typeof r === 'object' && r !== null && 'id' in r).map((r) => ({ ...r, meta: { lastUpdated: at } }));

const patients: Res[] = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((id, i) => ({
  resourceType: 'Patient', id, name: [{ given: ['Pat'], family: `Number${i + 1}` }], meta: { lastUpdated: '2025-03-01T00:00:00Z' },
}));

const memory = (): KeyValueStore => {
  const m = new Map<string, string>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v), remove: async (k) => void m.delete(k), keys: async () => [...m.keys()] };
};

function renderPanel(props: { timeZone?: string; chartUrl?: string; refreshMs?: number | false } = {}) {
  const transport = createFetchTransport({ baseUrl: FHIR, fetch, authorization: async () => 'Bearer test' });
  const context = { patient: 'p1', fhirUser: 'Practitioner/x', needPatientBanner: false, scopes: [], serverUrl: FHIR };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <FhirProvider transport={transport} store={memory()} context={context} pollMs={60_000}>
        <MetricsPanel timeZone={props.timeZone ?? 'UTC'} chartUrl={props.chartUrl} refreshMs={props.refreshMs ?? false} />
      </FhirProvider>
    </QueryClientProvider>,
  );
}

async function setRange(from: string, to: string) {
  const user = userEvent.setup();
  const fromField = screen.getByLabelText('From');
  await user.clear(fromField);
  await user.type(fromField, from);
  const toField = screen.getByLabelText('To (included)');
  await user.clear(toField);
  await user.type(toField, to);
  return user;
}

afterEach(() => mswServer.resetHandlers());

describe('MetricsPanel', () => {
  it('drills from the declines into rows with patient names, vendors, state and a timeline, linked to the chart', async () => {
    const server = searchServer([...stamped('2025-03-20T00:00:00Z'), ...patients]);
    mswServer.use(server.handler);
    renderPanel({ chartUrl: 'https://ehr.test/chart/{patient}' });
    const user = await setRange('2025-03-03', '2025-03-16');
    await screen.findByText(/^8 bookings in range/);

    // CareLift declined B2's first attempt (T2a): one decline of two answered attempts (T2a, T5a; T3a was never answered).
    const vendors = screen.getByRole('table', { name: 'By vendor' });
    const careLift = within(vendors).getByRole('row', { name: /^CareLift/ });
    await user.click(within(careLift).getByRole('button', { name: /Vendor declines: 50\.0% \(1 of 2\)/ }));
    const dialog = await screen.findByRole('dialog');
    const rows = within(dialog).getAllByTestId('drill-row');
    expect(rows).toHaveLength(1);
    const row = rows[0] as HTMLElement;
    await waitFor(() => expect(within(row).getByText('Pat Number2')).toBeTruthy());
    expect(within(row).getByText('Transport')).toBeTruthy();
    expect(within(row).getByText('CareLift (2 vendors asked)')).toBeTruthy();
    expect(within(row).getByText('Declined')).toBeTruthy();
    expect(within(row).getByText('Tue, Mar 4, 09:15')).toBeTruthy();
    expect(within(row).getByRole('link', { name: /Chart of Pat Number2/ }).getAttribute('href')).toBe('https://ehr.test/chart/p2');
    // Only the names of the rows on screen were asked for, by id, name only.
    const nameQuery = server.log.find((u) => u.pathname.endsWith('/Patient'));
    expect(nameQuery?.searchParams.get('_id')).toBe('p2');
    expect(nameQuery?.searchParams.get('_elements')).toBe('name');

    await user.click(within(row).getByRole('button', { name: /Timeline/ }));
    const timeline = within(dialog).getByRole('list', { name: "Timeline of Pat Number2's booking" });
    expect(within(timeline).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Tue, Mar 4, 09:00: Discharge order placed',
      'Tue, Mar 4, 09:15: Booking requested',
      'Tue, Mar 4, 09:15: Sent to CareLift',
      'Tue, Mar 4, 09:45: Declined — CareLift',
      'Tue, Mar 4, 09:50: Sent to Swift Van',
      'Tue, Mar 4, 10:00: Accepted — Swift Van',
      'Tue, Mar 4, 12:00: Booked — Swift Van',
      'Wed, Mar 5, 13:00: Patient told the time',
      'Wed, Mar 5, 14:00: Pickup time, not yet confirmed by the patient',
      'Wed, Mar 5, 14:30: Picked up — Swift Van',
    ]);
  });

  it('a duration drill-down shows each booking’s own value, longest first', async () => {
    mswServer.use(searchServer([...stamped('2025-03-20T00:00:00Z'), ...patients]).handler);
    renderPanel();
    const user = await setRange('2025-03-03', '2025-03-16');
    await screen.findByText(/^8 bookings in range/);
    const median = screen.getByRole('region', { name: 'Discharge order to transport booked (median)' });
    expect(within(median).getByTestId('figure-value').textContent).toBe('3 h 00 min');
    await user.click(within(median).getByTestId('figure-detail'));
    const rows = within(await screen.findByRole('dialog')).getAllByTestId('drill-row');
    // B4 240 min, B2 180 min, B1 60 min (hand-computed in fixture.ts).
    expect(rows.map((r) => within(r).getByText(/\d+ (h|min)/).textContent)).toEqual(['4 h 00 min', '3 h 00 min', '1 h 00 min']);
  });

  it('a number in the weekly trend table opens the bookings of that vendor and week', async () => {
    mswServer.use(searchServer([...stamped('2025-03-20T00:00:00Z'), ...patients]).handler);
    renderPanel();
    const user = await setRange('2025-03-03', '2025-03-16');
    await screen.findByText(/^8 bookings in range/);
    await user.click(screen.getByText('By vendor: the numbers'));
    // Swift Van booked B1, B2 and B4 in week 10: 60, 180 and 240 minutes after the discharge order.
    await user.click(screen.getByRole('button', { name: 'Swift Van, week 2025-W10: 3 h 00 min, show bookings' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Swift Van, week of 2025-03-03: Discharge order to transport booked (median) 3 h 00 min');
    expect(within(dialog).getAllByTestId('drill-row').map((r) => within(r).getByText(/\d+ (h|min)/).textContent)).toEqual(['4 h 00 min', '3 h 00 min', '1 h 00 min']);
  });

  it('counts days and weeks in the facility’s zone', async () => {
    // B1's request at 2025-03-03 08:30Z is still Mar 2 (Sunday) in Honolulu (UTC-10): outside a range starting Mar 3 there (8 bookings in UTC, 7 there).
    mswServer.use(searchServer([...stamped('2025-03-20T00:00:00Z'), ...patients]).handler);
    renderPanel({ timeZone: 'Pacific/Honolulu' });
    await setRange('2025-03-03', '2025-03-16');
    await screen.findByText(/^7 bookings in range/);
    expect(screen.getByText(/weeks run Monday to Sunday, Pacific\/Honolulu/)).toBeTruthy();
  });

  it('without the patient-read scope, rows show references and say why', async () => {
    mswServer.use(searchServer(stamped('2025-03-20T00:00:00Z'), { patients: 'forbidden' }).handler);
    renderPanel();
    const user = await setRange('2025-03-03', '2025-03-16');
    await screen.findByText(/^8 bookings in range/);
    await user.click(within(screen.getByRole('region', { name: 'Referrals completed' })).getByTestId('figure-detail'));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText(/Patient names could not be read/);
    expect(within(dialog).getAllByTestId('drill-row').length).toBeGreaterThan(0);
    expect(within(dialog).getAllByText(/^Patient\/p\d$/).length).toBeGreaterThan(0);
  });

  it('refreshes on a timer with only the changes, and the figures follow', async () => {
    const server = searchServer([...stamped('2025-03-20T00:00:00Z'), ...patients]);
    mswServer.use(server.handler);
    renderPanel({ refreshMs: 300 });
    await setRange('2025-03-03', '2025-03-16');
    await screen.findByText(/^8 bookings in range/);
    const completed = screen.getByRole('region', { name: 'Referrals completed' });
    const before = within(completed).getByTestId('figure-detail').textContent;
    expect(before).toBe('4 of 8');
    // B7's home health visit is completed on the server.
    const t7 = server.db.get('Task/T7a');
    server.db.set('Task/T7a', { ...(t7 as Res), status: 'completed', meta: { lastUpdated: '2025-03-21T10:00:00Z' } });
    await waitFor(() => expect(within(completed).getByTestId('figure-detail').textContent).toBe('5 of 8'), { timeout: 3000 });
    // The next refresh reads the same version again (ge the cursor): no change, the figure stays.
    await waitFor(() => expect(screen.getByTestId('metrics-freshness').textContent).toMatch(/\(0 changes since the previous update\)/), { timeout: 3000 });
    expect(within(completed).getByTestId('figure-detail').textContent).toBe('5 of 8');
    expect(server.log.filter((u) => u.pathname.endsWith('/Task') && u.searchParams.get('_lastUpdated')?.startsWith('ge')).length).toBeGreaterThan(0);
  });
});
