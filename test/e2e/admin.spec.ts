// An EHR administrator on /admin.html: what to register, then a readiness check
// against the sandbox EHR, first with everything on, then with transactions,
// conditional create and _include switched off on the server at run time.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { APP, FHIR, ORIGIN } from './support/sandbox-client';

type Capabilities = { transactions: boolean; conditionalCreate: boolean; include: boolean; subscriptions: boolean };

async function setCapabilities(body: Partial<Capabilities>): Promise<Capabilities> {
  const res = await fetch(`${ORIGIN}/__sandbox/capabilities`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`capabilities: ${res.status}`);
  return (await res.json()) as Capabilities;
}

const field = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });
const row = (page: Page, label: string | RegExp) => page.getByRole('table', { name: 'Readiness by item' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) });

let before: Capabilities;
test.beforeAll(async () => {
  before = await setCapabilities({});
});
test.afterAll(async () => {
  await setCapabilities({ transactions: true, conditionalCreate: true, include: true, subscriptions: before.subscriptions });
});

test('registration, then readiness of the sandbox EHR with features switched off', async ({ page }) => {
  // The sandbox starts without subscriptions; on for this check, so that every item can be ok.
  await setCapabilities({ subscriptions: true });
  await page.goto(`${APP}/admin.html`);

  await expect(page.getByRole('heading', { name: 'Register CareRelay' })).toBeVisible();
  await expect(field(page, 'App client id')).toHaveValue('carerelay-app');
  await expect(field(page, 'Launch URI')).toHaveValue(`${APP}/launch.html`);
  await expect(field(page, 'App redirect URI')).toHaveValue(`${APP}/index.html`);
  await expect(field(page, 'Extension redirect URI')).toHaveValue(/^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/);
  await expect(page.getByRole('table', { name: 'Why the app asks for each scope' }).getByRole('row', { name: /patient\/Task\.crus/ })).toContainText('One Task per vendor request');
  await expect(field(page, 'Content-Security-Policy header')).toHaveValue(/frame-ancestors 'self' http:\/\/localhost:\d+/);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download registration JSON' }).click();
  const file = await (await downloading).path();
  const registration = JSON.parse(await readFile(file, 'utf8')) as { clients: { app: { client_id: string; token_endpoint_auth_method: string; redirect_uris: string[] } } };
  expect(registration.clients.app).toMatchObject({ client_id: 'carerelay-app', token_endpoint_auth_method: 'none', redirect_uris: [`${APP}/index.html`] });

  await expect(page.getByRole('table', { name: 'Configuration values' }).getByRole('row', { name: /bookingsServer/ })).toContainText('launching-ehr');

  // Hold the CapabilityStatement back so the progress is observable.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${FHIR}/metadata`, async (route) => {
    await held;
    await route.continue();
  });
  await field(page, 'FHIR base URL (iss)').fill(FHIR);
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Checking ${FHIR}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check' })).toBeDisabled();
  release();
  await expect(page.getByText('Ready: this EHR offers everything CareRelay uses.')).toBeVisible();
  await page.unroute(`${FHIR}/metadata`);
  const statuses = page.getByRole('table', { name: 'Readiness by item' }).getByRole('row').filter({ has: page.getByRole('rowheader') });
  await expect(statuses).toHaveCount(16);
  for (const r of await statuses.all()) await expect(r.getByRole('cell').first(), await r.getByRole('rowheader').innerText()).toHaveText('ok');
  await expectAccessible(page);

  await setCapabilities({ transactions: false, conditionalCreate: false, include: false });
  // Keyboard only this time: from the URL field, Tab to Check, Enter.
  await field(page, 'FHIR base URL (iss)').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Check' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByText(/^Ready with fallbacks/)).toBeVisible();
  const expected: [string, RegExp, RegExp][] = [
    ['Transactions', /^rest\.interaction: \[batch\]$/, /Sequential conditional creates in dependency order/],
    ['Conditional create (Task, ServiceRequest)', /Task\.conditionalCreate = false; ServiceRequest\.conditionalCreate = false/, /Search by identifier before writing.*the booking screen says so/],
    ['_include / _revinclude', /Task\.searchInclude: none/, /Extra reads/],
  ];
  for (const [label, evidence, fallback] of expected) {
    const cells = row(page, label).getByRole('cell');
    await expect(cells.nth(0), label).toHaveText('missing');
    await expect(cells.nth(1), label).toHaveText(evidence);
    await expect(cells.nth(2), label).toHaveText(fallback);
  }
  await expect(row(page, 'Write Task (vendor requests and their status)').getByRole('cell').first()).toHaveText('ok');
  await expect(row(page, 'Subscriptions').getByRole('cell').first()).toHaveText('ok');
  await expectAccessible(page);
});
