// The overlay's three buttons in the built extension: "Home health" and "DME" each
// open their own form in the side panel (at a side panel's width, 360 px, one column,
// nothing cut off) and book their own service; and a screen whose MRN belongs to
// another patient than its name and date of birth is refused with the reason, with
// nothing written on the server.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { expectAccessible } from './support/axe';
import { expect, expectFitsWidth, openPanelAndSignIn, sidePanelCount, test } from './support/extension';
import { FHIR, fhirGet, ORIGIN } from './support/sandbox-client';
import { localInput, nextWeekdayAt, ordersOnServer, type Resource } from './support/service-flows';

const PANEL = { width: 360, height: 900 };

/** Presses the overlay's nth button (0 transport, 1 home health, 2 DME) with the keyboard: a trusted key press. */
async function pressOverlayButton(ehr: Page, index: number, from?: () => Promise<void>) {
  await expect.poll(() => ehr.evaluate(() => document.querySelector('[data-carerelay-overlay]') !== null)).toBe(true);
  if (from) await from();
  for (let i = 0; i <= index; i++) await ehr.keyboard.press('Tab');
  await expect.poll(() => ehr.evaluate(() => document.activeElement?.hasAttribute('data-carerelay-overlay'))).toBe(true);
  await ehr.keyboard.press('Enter');
}

async function newOrders(patient: string, before: Resource[]) {
  return (await ordersOnServer(patient)).requests.filter((r) => !before.some((b) => b.id === r.id && b.resourceType === r.resourceType));
}

test('the overlay\'s Home health and DME buttons each book their own service from the side panel at 360 px', async ({ context, extensionId, worker }) => {
  test.setTimeout(150_000); // two bookings, two layouts each; the shared CI machine is slow
  const panel = await openPanelAndSignIn(context, extensionId);
  await panel.setViewportSize(PANEL);
  // The signed-in user by name and role, never a FHIR reference.
  await expect(panel.getByText(/^Signed in as [^/()]+ \([^/()]+\)$/)).toBeVisible();
  await expect(panel.getByText(/Practitioner\//)).toHaveCount(0);

  // Home health, from pat-013's discharge screen.
  const ehr = await context.newPage();
  await ehr.goto(`${ORIGIN}/ehr/patient/pat-013/discharge`);
  const hhBefore = (await ordersOnServer('pat-013')).requests;
  await pressOverlayButton(ehr, 1, () => ehr.getByRole('link', { name: 'Back to chart' }).focus());
  await expect.poll(() => sidePanelCount(worker)).toBe(1);
  await expect(panel.getByRole('tab', { name: 'Home health', selected: true })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Refer to home health' })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Book transport' })).toHaveCount(0);
  await expect(panel.getByLabel('City')).not.toHaveValue('');
  await expectFitsWidth(panel, 360);
  await expectFitsWidth(panel, 320);
  await panel.setViewportSize(PANEL);
  await expectAccessible(panel);
  const send = panel.getByRole('button', { name: 'Send referral' });
  if (!(await send.isEnabled())) await panel.getByLabel('Start of care').fill(localInput(nextWeekdayAt(10)));
  await send.click();
  await expect(panel.getByRole('tab', { name: /Bookings/, selected: true })).toBeVisible({ timeout: 20_000 });
  const hh = await newOrders('pat-013', hhBefore);
  expect(hh).toHaveLength(1);
  expect(hh[0]).toMatchObject({ resourceType: 'ServiceRequest', category: [{ coding: [{ system: SYSTEMS.serviceType, code: 'home-health' }] }] });
  await expectAccessible(panel);

  // DME, from pat-012's discharge screen.
  await ehr.goto(`${ORIGIN}/ehr/patient/pat-012/discharge`);
  const dmeBefore = (await ordersOnServer('pat-012')).requests;
  await pressOverlayButton(ehr, 2, () => ehr.getByRole('link', { name: 'Back to chart' }).focus());
  await expect(panel.getByRole('tab', { name: 'DME', selected: true })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Order equipment (DME)' })).toBeVisible();
  await expectFitsWidth(panel, 360);
  await expectFitsWidth(panel, 320);
  await panel.setViewportSize(PANEL);
  await expectAccessible(panel);
  const order = panel.getByRole('button', { name: 'Order delivery' });
  if (!(await order.isEnabled())) {
    await panel.getByLabel('Delivery from').fill(localInput(nextWeekdayAt(9)));
    await panel.getByLabel('Delivery by').fill(localInput(nextWeekdayAt(12)));
  }
  await order.click();
  await expect(panel.getByRole('tab', { name: /Bookings/, selected: true })).toBeVisible({ timeout: 20_000 });
  const dme = await newOrders('pat-012', dmeBefore);
  expect(dme).toHaveLength(1);
  expect(dme[0]).toMatchObject({ resourceType: 'DeviceRequest' });
  expect(await newOrders('pat-012', dmeBefore).then((r) => r.filter((x) => x.resourceType === 'ServiceRequest'))).toHaveLength(0);
  await expectAccessible(panel);
});

// A screen that shows one patient's name and date of birth next to another patient's MRN.
const TEMPLATE = readFileSync(resolve(import.meta.dirname, '../fixtures/identity/mrn-mismatch.html'), 'utf8');
let server: Server;
let ehrOrigin = '';
let page = TEMPLATE;

test.beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page));
  await new Promise<void>((done) => server.listen(0, '::1', done));
  const address = server.address();
  ehrOrigin = `http://[::1]:${typeof address === 'object' && address ? address.port : 0}`;
});
test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

interface PatientJson { name?: { given?: string[]; family?: string }[]; birthDate?: string; identifier?: { system?: string; value?: string }[] }

function setOrigins(worker: Worker, ehrOrigins: string[]): Promise<void> {
  return worker.evaluate(async (settings) => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
    await api.storage.local.set({ 'carerelay.settings': settings });
  }, { fhirBaseUrl: FHIR, clientId: 'carerelay-extension', ehrOrigins });
}

test('a screen whose MRN belongs to another patient than its name and DOB: booking refused with the reason, nothing written', async ({ context, extensionId, worker }) => {
  const named = await fhirGet<PatientJson>('Patient/pat-001');
  const other = await fhirGet<PatientJson>('Patient/pat-002');
  const [y, m, d] = (named.birthDate ?? '').split('-');
  const name = `${named.name?.[0]?.given?.[0] ?? ''} ${named.name?.[0]?.family ?? ''}`;
  const mrn = other.identifier?.find((i) => i.system === SYSTEMS.mrn)?.value ?? '';
  expect(mrn).not.toBe('');
  page = TEMPLATE.replaceAll('{{NAME}}', name).replaceAll('{{DOB}}', `${m}/${d}/${y}`).replaceAll('{{MRN}}', mrn);

  await setOrigins(worker, [ORIGIN, ehrOrigin]);
  const panel = await openPanelAndSignIn(context, extensionId);
  await panel.setViewportSize(PANEL);
  const before = { named: await ordersOnServer('pat-001'), other: await ordersOnServer('pat-002') };

  const ehr = await context.newPage();
  await expect.poll(async () => {
    await ehr.goto(`${ehrOrigin}/discharge`);
    await ehr.waitForTimeout(300);
    return ehr.evaluate(() => document.querySelector('[data-carerelay-overlay]') !== null);
  }, { timeout: 15_000 }).toBe(true);
  await pressOverlayButton(ehr, 0);

  const alert = panel.getByRole('alert').filter({ hasText: 'Booking blocked' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(`do not match the patient with MRN ${mrn} on the FHIR server`);
  await expect(alert).toContainText(`name (${name})`);
  // The screen said 12/27/1934; the extractor reads dates into ISO, so the message is unambiguous.
  await expect(alert).toContainText(`date of birth (${y}-${m}-${d})`);
  // No form opened: nothing to confirm.
  await expect(panel.getByRole('heading', { name: 'Book transport' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Confirm booking' })).toHaveCount(0);
  await expectAccessible(panel);

  // The other buttons are refused the same way; the server holds no new request or task.
  await ehr.reload();
  await pressOverlayButton(ehr, 2);
  await expect(alert).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Order delivery' })).toHaveCount(0);
  await panel.waitForTimeout(1000);
  expect(await ordersOnServer('pat-001')).toEqual(before.named);
  expect(await ordersOnServer('pat-002')).toEqual(before.other);
});
