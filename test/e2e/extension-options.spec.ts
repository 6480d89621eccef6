// The administrator's options page: field-named validation and a SMART discovery check.
import { expectAccessible } from './support/axe';
import { expect, test } from './support/extension';
import { FHIR, ORIGIN } from './support/sandbox-client';

test('the options page names the wrong field and tests the SMART connection', async ({ context, extensionId }) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByLabel('FHIR base URL')).toHaveValue(FHIR);
  await expectAccessible(page);

  await page.getByLabel('FHIR base URL').fill('http://ehr.example.org/fhir');
  await page.getByLabel('EHR origins').fill('https://ehr.example.org/some/path');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Not saved: fix the fields marked in red.')).toBeVisible();
  await expect(page.getByText('must be https (or http on localhost)')).toBeVisible();
  await expect(page.getByText(/some\/path must be an origin/)).toBeVisible();

  await page.getByLabel('FHIR base URL').fill(FHIR);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(/SMART discovery succeeded/)).toBeVisible();
  await expect(page.getByText(/Capabilities: .*launch-standalone/)).toBeVisible();

  await page.getByLabel('FHIR base URL').fill(`${ORIGIN}/nothing-here`);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(/SMART discovery failed with HTTP 404/)).toBeVisible();
  await expectAccessible(page);
});
