// The first vertical slice, as a case manager does it: chart → Launch CareRelay
// (in the EHR's iframe) → care plan → book a wheelchair van home → the vendor
// accepts and schedules → "Booked, pickup HH:MM, confirmation #…" without a reload.
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { APP, bookingsOnServer, clearFaults, ORIGIN, setFaults, simStep } from './support/sandbox-client';
import { localInput, nextWeekdayAt } from './support/service-flows';

async function launchEmbedded(page: Page, patientId: string): Promise<FrameLocator> {
  await page.goto(`${ORIGIN}/ehr/patient/${patientId}`);
  await page.getByRole('link', { name: 'Launch CareRelay' }).or(page.getByRole('button', { name: 'Launch CareRelay' })).first().click();
  const frame = page.frameLocator('iframe[title="CareRelay"]');
  await expect(frame.getByRole('tab', { name: 'Care plan' })).toBeVisible({ timeout: 20_000 });
  return frame;
}

async function bookWheelchairVan(app: FrameLocator) {
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toContainText('Wheelchair van');
  await expect(app.getByText(/Wheelchair dependence \(Z99\.3\)/)).toBeVisible();
  const confirm = app.getByRole('button', { name: 'Confirm booking' });
  // The seeded discharge follows the clock and, on the hospital's clock, can fall outside every van's hours.
  await expect(app.getByLabel('Pickup time')).not.toHaveValue('');
  if (!(await confirm.isEnabled())) await app.getByLabel('Pickup time').fill(localInput(nextWeekdayAt(10)));
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(app.getByRole('tab', { name: /Bookings \(1\)/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
}

test.afterEach(async () => clearFaults());

test('EHR launch in the iframe: care plan, book a wheelchair van, vendor books it, status updates live', async ({ page }) => {
  // pat-009: cellulitis, wheelchair user; no other spec books for this patient.
  const app = await launchEmbedded(page, 'pat-009');
  await expect(app.getByRole('table', { name: 'Goals' })).toBeVisible();
  await expect(app.getByRole('table', { name: 'Activities' }).getByRole('row')).not.toHaveCount(1);
  await expect(app.getByRole('heading', { name: 'Care team' })).toBeVisible();
  await expect(app.getByText(/Case manager:/)).toBeVisible();
  await expectAccessible(page, 'iframe');

  await bookWheelchairVan(app);
  const card = app.getByTestId('booking').filter({ hasText: 'Wheelchair van' });
  await expect(card.getByTestId('booking-summary')).toHaveText(/Sent to vendor/);
  const onServer = await bookingsOnServer('pat-009');
  expect(onServer.requests).toHaveLength(1);
  expect(onServer.tasks).toHaveLength(1);

  await simStep(2); // accept, then book
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked, pickup \d{2}:\d{2}, confirmation #\S+$/, { timeout: 15_000 });
  await expect(card.getByLabel('Booked: done')).toBeVisible();
  await expectAccessible(page, 'iframe');
});

test('a double click books once', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-011');
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await app.getByRole('button', { name: 'Confirm booking' }).dblclick();
  await expect(app.getByRole('tab', { name: /Bookings \(1\)/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  const onServer = await bookingsOnServer('pat-011');
  expect(onServer.requests).toHaveLength(1);
  expect(onServer.tasks).toHaveLength(1);
});

test('a connection dropped after the server committed: the outbox retries and books once', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-019');
  await setFaults([{ method: 'POST', path: '^/fhir/R4/?$', kind: 'drop-after-commit', times: 1 }]);
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(app.getByRole('tab', { name: /Bookings \(1\)/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  const onServer = await bookingsOnServer('pat-019');
  expect(onServer.requests).toHaveLength(1);
  expect(onServer.tasks).toHaveLength(1);
});

test('standalone launch with the patient picker, and a reload keeps the session', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${APP}/launch.html`);
  await page.getByLabel('User').selectOption({ index: 0 });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /^Select / }).first().click();
  await expect(page.getByRole('tab', { name: 'Care plan' })).toBeVisible({ timeout: 20_000 });
  const name = await page.getByTestId('patient-name').textContent();
  expect(name).toBeTruthy();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByTestId('patient-name')).toHaveText(name ?? '');
  await context.close();
});

test('a second tab launched for another patient does not mix patients', async ({ context }) => {
  const first = await context.newPage();
  await first.goto(`${ORIGIN}/ehr/patient/pat-002/launch?mode=tab`);
  const second = await context.newPage();
  await second.goto(`${ORIGIN}/ehr/patient/pat-003/launch?mode=tab`);
  const firstName = first.getByTestId('patient-name');
  const secondName = second.getByTestId('patient-name');
  await expect(firstName).toBeVisible({ timeout: 20_000 });
  await expect(secondName).toBeVisible({ timeout: 20_000 });
  expect(await firstName.textContent()).not.toEqual(await secondName.textContent());
  await first.reload();
  await second.reload();
  await expect(first.getByTestId('patient-name')).toHaveText((await firstName.textContent()) ?? '');
  await expect(second.getByTestId('patient-name')).not.toHaveText((await firstName.textContent()) ?? '');
});
