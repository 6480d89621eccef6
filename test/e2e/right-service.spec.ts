// The right service for the patient in front of you (issue 13, items 1, 2 and 6):
// the drop-off follows the discharge disposition, the level of service follows
// every charted need, and the vendor offered can do that level. The screen AND
// the FHIR server are checked.
// Bookings: pat-003 only (a new trip days after its seeded stretcher, so the two
// never overlap). pat-019, pat-020 and pat-015 are only looked at: no booking.
import { expect, test } from '@playwright/test';
import { TASK_PARAMS } from '../../shared/fhir/codes';
import { expectAccessible } from './support/axe';
import { fhirGet } from './support/sandbox-client';
import { launchEmbedded, localInput, nextWeekdayAt, ordersOnServer, type Resource } from './support/service-flows';

type TaskParam = { type: { coding?: { code?: string }[] }; valueReference?: { reference?: string } };
const paramRef = (task: Resource | undefined, code: string) =>
  ((task?.input ?? []) as TaskParam[]).find((p) => p.type.coding?.[0]?.code === code)?.valueReference?.reference;

test('the SNF patient on cardiac monitoring: drop-off at the facility named on the encounter, ALS with an ALS vendor', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-019');
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByTestId('disposition')).toContainText('Discharge disposition: Skilled nursing facility');
  await expect(app.getByLabel('Drop-off street')).toHaveValue('1200 Maple Grove Rd');
  await expect(app.getByText('Maple Grove Skilled Nursing from the directory')).toBeVisible();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toHaveText('ALS ambulance (non-emergency) (A0426)');
  await expect(app.getByText(/Cardiac monitoring en route \("Cardiac monitoring during transfer"\)/)).toBeVisible();
  await expect(app.getByRole('combobox', { name: 'Vendor' })).toContainText('Franklin Advanced Life Support');
  await expect(app.getByLabel('Receiving unit')).toBeVisible();
  await expect(app.getByLabel('Receiving contact')).toBeVisible();
  await expect(app.getByTestId('chart-departure')).toHaveCount(0);

  // The home address instead: a visible warning, and Confirm waits for a reason.
  const confirm = app.getByRole('button', { name: 'Confirm booking' });
  await app.getByLabel('Drop-off street').fill('12 Somewhere Else Ave');
  await expect(app.getByTestId('chart-departure')).toContainText('The drop-off is not Maple Grove Skilled Nursing named on the encounter.');
  await expect(confirm).toBeDisabled();
  await expect(app.getByText(/a reason for departing from the chart/)).toBeVisible();
  await app.getByLabel('Reason for departing from the chart').fill('Family asked for a stop first');
  await expect(app.getByText(/a reason for departing from the chart/)).toHaveCount(0);
  await expectAccessible(page);
});

test('the SNF patient with a named facility is booked there: the server holds the facility as the drop-off', async ({ page }) => {
  const patient = 'pat-003';
  const app = await launchEmbedded(page, patient);
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByTestId('disposition')).toContainText('Skilled nursing facility');
  await expect(app.getByLabel('Drop-off street')).toHaveValue('88 Riverbend Dr');
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toHaveText('Stretcher van (T2005)');
  const pickup = nextWeekdayAt(10);
  pickup.setDate(pickup.getDate() + 3);
  await app.getByLabel('Pickup time').fill(localInput(pickup));
  await app.getByLabel('Receiving unit').fill('2 West');
  await app.getByLabel('Receiving contact').fill('RN Dana Ortiz, 614-555-0142');
  const before = (await ordersOnServer(patient)).tasks.length;
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(app.getByRole('tab', { name: /Bookings \(\d+\)/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });

  const { tasks } = await ordersOnServer(patient);
  expect(tasks.length).toBe(before + 1);
  const newest = [...tasks].sort((a, b) => String(b.authoredOn).localeCompare(String(a.authoredOn)))[0];
  expect(paramRef(newest, TASK_PARAMS.dropoffLocation)).toBe('Location/loc-snf-2');
  const place = await fhirGet<{ name?: string; address?: { line?: string[] } }>('Location/loc-snf-2');
  expect(place).toMatchObject({ name: 'Riverbend Rehabilitation Center', address: { line: ['88 Riverbend Dr'] } });
  const request = await fhirGet<{ note?: { text?: string }[] }>(String((newest?.focus as { reference?: string }).reference));
  expect(request.note?.[0]?.text).toContain('Receiving unit: 2 West. Receiving contact: RN Dana Ortiz, 614-555-0142.');
});

test('an SNF disposition with no facility named: the nurse must choose one from the directory', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-015');
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByText(/no facility named on the encounter: choose the receiving facility/)).toBeVisible();
  await expect(app.getByLabel('Drop-off street')).toHaveValue('');
  await expect(app.getByText(/the receiving facility/).last()).toBeVisible();
  await expect(app.getByRole('button', { name: 'Confirm booking' })).toBeDisabled();
  await expect(app.getByRole('combobox', { name: 'Receiving facility' })).toBeVisible();
});

test('oxygen from the chart carries its flow rate and the portable supply for the ride', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-020');
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByTestId('chart-oxygen')).toHaveText('Oxygen from the chart: 3 L/min, portable supply needed for the ride.');
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toHaveText('Wheelchair van (A0130)');
  await expect(app.getByRole('checkbox', { name: 'Oxygen' })).toBeChecked();
});

test('home health for a patient going home: the default start of care is within the first-visit deadline', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-020');
  await app.getByRole('tab', { name: 'Book home health' }).click();
  await expect(app.getByText(/48 hours after the patient's return home/)).toBeVisible();
  await expect(app.getByText(/after the 48-hour first-visit deadline/)).toHaveCount(0);
});
