// A Playwright fixture that loads the BUILT extension (extension/.output/chrome-mv3)
// into Debian Chromium in new headless mode, and finds its service worker.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { chromium, test as base, type BrowserContext, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../../playwright.config';

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
    await use(worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
});
export { expect } from '@playwright/test';
