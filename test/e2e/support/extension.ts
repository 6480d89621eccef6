// A Playwright fixture that loads the BUILT extension (extension/.output/chrome-mv3)
// into Debian Chromium in new headless mode, and finds its service worker.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { chromium, expect, test as base, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config';
import { FHIR, ORIGIN } from './sandbox-client';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../extension/.output/chrome-mv3');

export const test = base.extend<{ context: BrowserContext; worker: Worker; extensionId: string }>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the extension first: npx wxt build extension');
    // Playwright's own headless switch would pick the old headless shell, which has no
    // extensions; new headless is asked for explicitly instead.
    const context = await chromium.launchPersistentContext('', {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: false,
      args: [...CHROMIUM_ARGS, '--headless=new', `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
      viewport: { width: 1280, height: 720 },
    });
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    const worker = context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ?? (await context.waitForEvent('serviceworker'));
    // Point the extension at this run's sandbox, as an admin would on the options page
    // (its defaults are the sandbox's default port).
    await worker.evaluate(async (settings) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
      await api.storage.local.set({ 'carerelay.settings': settings });
    }, { fhirBaseUrl: FHIR, clientId: 'carerelay-extension', ehrOrigins: [ORIGIN] });
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
});
export { expect } from '@playwright/test';

/** The few chrome.* APIs the specs call inside the service worker or an extension page. */
export interface ChromeForTests {
  runtime: {
    id?: string;
    sendMessage(message: unknown): Promise<unknown>;
    getContexts(filter: { contextTypes?: string[] }): Promise<{ contextType: string; documentUrl?: string }[]>;
  };
  storage: { session: { get(key: string | null): Promise<Record<string, unknown>> } };
}

/** Opens the side panel page in a tab and signs in through launchWebAuthFlow (sandbox login page). */
export async function openPanelAndSignIn(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const authPage = context.waitForEvent('page');
  await panel.getByRole('button', { name: 'Sign in' }).click();
  const login = await authPage;
  await login.getByLabel('User').selectOption({ index: 0 });
  await login.getByRole('button', { name: 'Sign in' }).click();
  await expect(panel.getByText(/^Signed in/)).toBeVisible();
  return panel;
}

/** How many side panels are open (the overlay's click opens one). */
export function sidePanelCount(worker: Worker): Promise<number> {
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ChromeForTests }).chrome;
    return (await api.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).length;
  });
}

/**
 * Nothing wider than the panel and nothing cut off: no horizontal scroll, every field
 * inside the viewport, every field's value and label shown whole (no text wider than its box).
 */
export async function expectFitsWidth(panel: Page, width: number) {
  await panel.setViewportSize({ width, height: 900 });
  expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const boxes = await panel.locator('main input, main textarea, main [role="combobox"]').evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    const label = e.id ? document.querySelector(`label[for="${CSS.escape(e.id)}"]`) : null;
    return {
      name: label?.textContent ?? e.getAttribute('aria-label') ?? e.id,
      left: r.left, right: r.right, hidden: r.width === 0 || getComputedStyle(e).opacity === '0',
      valueCut: e.scrollWidth > e.clientWidth + 1,
      labelCut: label ? label.scrollWidth > label.clientWidth + 1 : false,
    };
  }));
  const visible = boxes.filter((b) => !b.hidden);
  expect(visible.length).toBeGreaterThan(3);
  for (const box of visible) {
    expect(box.left, box.name).toBeGreaterThanOrEqual(0);
    expect(box.right, box.name).toBeLessThanOrEqual(width);
    expect(box.valueCut, `${box.name}: value cut off at ${width} px`).toBe(false);
    expect(box.labelCut, `${box.name}: label cut off at ${width} px`).toBe(false);
  }
}
