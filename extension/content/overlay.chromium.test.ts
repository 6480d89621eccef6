// The overlay in real Chromium: real clicks and keys book, a page script's
// synthetic click does not, focus is visible, and axe finds no serious issue.
// The background is a stub chrome.runtime.sendMessage that records messages.
import { chromium, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../playwright.config';
import type { ContentMessage } from '../messages';
import { AXE_PATH, OVERLAY_SELECTOR, bundleForPage } from './page-bundle';
import { fixtureHtml } from './test-fixtures';

interface PageGlobals { __sent: ContentMessage[] }

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => { await browser?.close(); });

async function openSandboxScreen(shadowMode: ShadowRootMode): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const sent: unknown[] = [];
    Object.assign(window, { __sent: sent });
    Object.defineProperty(window, 'chrome', {
      value: { runtime: { sendMessage: async (m: unknown) => { sent.push(m); return { signedIn: true, bookings: [{ label: 'Wheelchair van', status: 'Booked', time: '14:30' }] }; } } },
    });
  });
  await page.route('http://ehr.test/', (r) => r.fulfill({ contentType: 'text/html', body: fixtureHtml('sandbox-discharge.html') }));
  await page.goto('http://ehr.test/');
  await page.addScriptTag({ content: await bundleForPage(shadowMode) });
  await page.waitForFunction(() => (window as unknown as PageGlobals).__sent.length > 0);
  return page;
}

const bookings = (page: Page) => page.evaluate(() =>
  (window as unknown as PageGlobals).__sent.flatMap((m) => (m.type === 'open-booking' ? [`${m.service}:${m.context.patientId}`] : [])));

describe('overlay in Chromium', () => {
  it('books on real clicks and keys, never on synthetic clicks', async () => {
    const page = await openSandboxScreen('open');
    const button = (name: string) => page.locator(`${OVERLAY_SELECTOR} button`, { hasText: name });
    await expect.poll(() => page.locator(`${OVERLAY_SELECTOR} [role="status"]`).textContent()).toBe('1 booking:');

    await page.evaluate((sel) => {
      const b = document.querySelector(sel)?.shadowRoot?.querySelector('button');
      b?.click();
      b?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    }, OVERLAY_SELECTOR);
    expect(await bookings(page)).toEqual([]);

    await button('Book transport').click();
    await button('Home health').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focus = await page.evaluate((sel) => {
      const active = document.querySelector(sel)?.shadowRoot?.activeElement;
      return active && { text: active.textContent, outline: getComputedStyle(active).outline };
    }, OVERLAY_SELECTOR);
    expect(focus).toEqual({ text: 'DME', outline: 'rgb(17, 17, 17) solid 3px' });
    await page.keyboard.press('Space');
    expect(await bookings(page)).toEqual(['transport:pat-001', 'home-health:pat-001', 'dme:pat-001']);
    await page.close();
  });

  it('passes axe with no serious or critical violations', async () => {
    const page = await openSandboxScreen('open');
    await page.addScriptTag({ content: readFileSync(AXE_PATH, 'utf8') });
    const result = await page.evaluate(async (sel) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: { id: string; impact: string }[]; passes: { id: string }[] }> } }).axe;
      const r = await axe.run({ include: [[sel]] });
      return { violations: r.violations.map((v) => `${v.impact}: ${v.id}`), passes: r.passes.map((p) => p.id) };
    }, OVERLAY_SELECTOR);
    expect(result.violations.filter((v) => /^(serious|critical)/.test(v))).toEqual([]);
    // axe really looked inside the shadow root: the buttons' names were checked.
    expect(result.passes).toContain('button-name');
    await page.close();
  });

  it('keeps a closed shadow root that the keyboard still reaches', async () => {
    const page = await openSandboxScreen('closed');
    expect(await page.evaluate((sel) => document.querySelector(sel)?.shadowRoot ?? 'closed', OVERLAY_SELECTOR)).toBe('closed');
    await page.focus('a[href="/ehr/patient/pat-001"]');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await bookings(page)).toEqual(['transport:pat-001']);
    await page.close();
  });
});
