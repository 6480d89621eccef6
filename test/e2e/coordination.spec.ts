// A production EHR (Epic, Oracle Health, MEDITECH) takes no Task or ServiceRequest from a
// third-party app: CareRelay keeps its bookings on its own coordination server and reads the
// chart from the EHR (issue 15). These tests run on the second stack (playwright.config PAIR):
// the sandbox EHR with the coordination server beside it, the app configured to book there.
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { PAIR } from '../../playwright.config';
import { backendAuthorization } from '../../server/relay/backend-token';
import { SANDBOX_RELAY_KEY } from '../../server/relay/relay';
import { SYSTEMS } from '../../shared/fhir/codes';
import { localInput, nextWeekdayAt } from './support/service-flows';

const EHR = `http://localhost:${PAIR.port}`;
const COORD = `http://localhost:${PAIR.coordPort}/fhir/R4`;
const ehrAuth = backendAuthorization({ tokenUrl: `${EHR}/auth/token`, clientId: 'carerelay-relay', keyFile: SANDBOX_RELAY_KEY, scope: 'system/*.cruds' });

interface Bundle { total?: number; entry?: { resource: Record<string, unknown> & { id: string; resourceType: string } }[] }

async function ehrGet(path: string): Promise<Bundle> {
  const res = await fetch(`${EHR}/fhir/R4/${path}`, { headers: { Authorization: await ehrAuth(), Accept: 'application/fhir+json' } });
  if (!res.ok) throw new Error(`EHR GET ${path}: ${res.status}`);
  return (await res.json()) as Bundle;
}

/** What the coordination server holds, read with its administrators' bearer (read-only). */
async function coordGet(path: string): Promise<Bundle> {
  const res = await fetch(`${COORD}/${path}`, { headers: { Authorization: `Bearer ${PAIR.adminToken}`, Accept: 'application/fhir+json' } });
  if (!res.ok) throw new Error(`coordination GET ${path}: ${res.status}`);
  return (await res.json()) as Bundle;
}

const ours = encodeURIComponent(`${SYSTEMS.bookingId}|`);
const fulfil = encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`);
const ids = (b: Bundle) => (b.entry ?? []).map((e) => e.resource.id);

async function launch(page: Page, patient: string): Promise<FrameLocator> {
  await page.goto(`${EHR}/ehr/patient/${patient}`);
  await page.getByRole('link', { name: 'Launch CareRelay' }).or(page.getByRole('button', { name: 'Launch CareRelay' })).first().click();
  const app = page.frameLocator('iframe[title="CareRelay"]');
  await expect(app.getByRole('tab', { name: 'Care plan' })).toBeVisible({ timeout: 20_000 });
  return app;
}

test('production EHR: a wheelchair van booked from the chart is kept on the coordination server, and the EHR receives no booking', async ({ page }) => {
  const patient = 'pat-009';
  const before = {
    coordRequests: ids(await coordGet(`ServiceRequest?patient=${patient}&identifier=${ours}&_count=200`)),
    ehrRequests: ids(await ehrGet(`ServiceRequest?patient=${patient}&identifier=${ours}&_count=200`)),
    ehrTasks: ids(await ehrGet(`Task?patient=${patient}&_count=200`)),
  };
  // The production split: the EHR holds no CareRelay booking at all, even the seeded history.
  expect(before.ehrRequests).toEqual([]);
  expect(before.ehrTasks).toEqual([]);

  const app = await launch(page, patient);
  // The chart (from the EHR) and the bookings (from the coordination server) on one screen.
  const bookingsTab = app.getByRole('tab', { name: /^Bookings \(\d+\)$/ });
  await expect(bookingsTab).toHaveText(new RegExp(`Bookings \\(${before.coordRequests.length}\\)`));
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toContainText('Wheelchair van');
  await app.getByLabel('Pickup time').fill(localInput(nextWeekdayAt(10)));
  // The vendor directory is CareRelay's too: it comes from the coordination server.
  await expect(app.getByText(/^[1-9]\d* of \d+ transport vendors can do this trip/)).toBeVisible();
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(app.getByRole('tab', { name: new RegExp(`Bookings \\(${before.coordRequests.length + 1}\\)`) })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });

  const after = ids(await coordGet(`ServiceRequest?patient=${patient}&identifier=${ours}&_count=200`));
  const added = after.filter((id) => !before.coordRequests.includes(id));
  expect(added).toHaveLength(1);
  const tasks = (await coordGet(`Task?focus=ServiceRequest/${added[0]}&code=${fulfil}`)).entry ?? [];
  expect(tasks).toHaveLength(1);
  expect(tasks[0]!.resource.for).toEqual({ reference: `Patient/${patient}` });
  expect(String((tasks[0]!.resource.owner as { reference?: string }).reference)).toMatch(/^Organization\/vendor-/);
  // And nothing of it in the EHR.
  expect(ids(await ehrGet(`ServiceRequest?patient=${patient}&identifier=${ours}&_count=200`))).toEqual([]);
  expect(ids(await ehrGet(`Task?patient=${patient}&_count=200`))).toEqual([]);
  await expect(app.getByTestId('booking').filter({ hasText: 'Wheelchair van' }).first()).toBeVisible();
});
