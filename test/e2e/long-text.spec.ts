// Long data never widens the screen: a 100 KB unbroken Goal text and a 200-character
// vendor name on pat-005 (no other spec uses it), then every tab of the app at 1280×720
// must fit the viewport horizontally, and the Metrics filter labels must not overlap
// their values. The spec puts pat-005's data back afterwards.
import { expect, test, type Frame, type Page } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { APP, fhirGet, fhirSend } from './support/sandbox-client';
import { launchEmbedded } from './support/service-flows';

type Json = Record<string, unknown> & { id: string; resourceType: string };
const GOAL_TEXT = 'Walk'.repeat(25_000); // 100 KB, no space to break at
const VENDOR_NAME = 'ExtraordinarilyLongVendorNameMedicalTransportation'.repeat(4); // 200 characters
let goal: Json;
let task: Json;
let vendorId = '';

const strip = ({ meta: _meta, ...rest }: Json) => rest;

test.beforeAll(async () => {
  goal = await fhirGet<Json>('Goal/goal-005-1');
  task = await fhirGet<Json>('Task/task-b005-1-1');
  await fhirSend('PUT', 'Goal/goal-005-1', { ...strip(goal), description: { text: GOAL_TEXT } });
  const org = await fhirSend('POST', 'Organization', {
    resourceType: 'Organization', active: true, name: VENDOR_NAME,
    type: [{ coding: [{ system: SYSTEMS.nucc, code: '251E00000X', display: 'Home health agency' }] }],
  }) as Json;
  vendorId = org.id;
  await fhirSend('PUT', 'Task/task-b005-1-1', { ...strip(task), owner: { reference: `Organization/${vendorId}`, display: VENDOR_NAME } });
});

test.afterAll(async () => {
  await fhirSend('PUT', 'Task/task-b005-1-1', strip(task));
  await fhirSend('PUT', 'Goal/goal-005-1', strip(goal));
  if (vendorId) await fhirSend('DELETE', `Organization/${vendorId}`);
});

interface Overflow { viewport: number; scrollWidth: number; past: string[] }

/** Elements (drawn, not zero-sized) whose right edge is past the document's viewport. */
function overflowIn(frame: Frame | Page): Promise<Overflow> {
  return frame.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const past: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue; // nothing drawn (or visually hidden for screen readers)
      if (r.right > viewport + 1) past.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} right=${Math.round(r.right)}`);
    }
    return { viewport, scrollWidth: document.scrollingElement?.scrollWidth ?? 0, past: past.slice(0, 8).concat(past.length > 8 ? [`… ${past.length} in all`] : []) };
  });
}

test('every tab fits 1280×720 with a 100 KB goal and a 200-character vendor name; filter labels clear of values', async ({ page }) => {
  test.setTimeout(120_000);
  const app = await launchEmbedded(page, 'pat-005');
  const appFrame = page.frames().find((f) => f.url().startsWith(APP));
  if (!appFrame) throw new Error('no app frame');
  await expect(app.getByRole('table', { name: 'Goals' })).toContainText(GOAL_TEXT.slice(0, 200));
  await expect(app.getByRole('table', { name: 'Activities' })).toContainText(VENDOR_NAME);
  const tabs = await app.getByRole('tab').allTextContents();
  expect(tabs.length).toBeGreaterThanOrEqual(6);
  for (const name of tabs) {
    await app.getByRole('tab', { name }).click();
    await expect(app.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    await expect(app.getByRole('tabpanel')).toBeVisible();
    if (name === 'Metrics') {
      await expect(app.getByRole('combobox', { name: 'Vendor' })).toBeVisible({ timeout: 30_000 });
      await expect(app.getByRole('combobox', { name: 'Vendor' }).locator('option', { hasText: VENDOR_NAME })).toHaveCount(1);
      for (const label of ['Service', 'Vendor', 'Unit']) {
        const select = app.getByRole('combobox', { name: label });
        const textTop = await select.evaluate((el) => el.getBoundingClientRect().top + parseFloat(getComputedStyle(el).paddingTop));
        const labelBottom = await app.locator('label', { hasText: new RegExp(`^${label}$`) }).evaluate((el) => el.getBoundingClientRect().bottom);
        // The label sits on the outline, above where the value's text starts, not over it.
        expect(labelBottom, `${label} label over its value`).toBeLessThanOrEqual(textTop + 0.5);
      }
    }
    const inApp = await overflowIn(appFrame);
    expect(inApp.past, `${name}: elements past the app's right edge`).toEqual([]);
    expect(inApp.scrollWidth, `${name}: app scrolls sideways`).toBeLessThanOrEqual(inApp.viewport);
    const top = await overflowIn(page);
    expect(top.scrollWidth, `${name}: EHR page scrolls sideways`).toBeLessThanOrEqual(top.viewport);
  }
});
