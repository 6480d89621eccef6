// The built extension in real Chromium against the sandbox EHR: sign in through
// chrome.identity.launchWebAuthFlow, book transport from the discharge screen,
// watch the vendor's answer arrive; and what a hostile page or forged messages
// cannot do.
import type { BrowserContext, Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { test, expect } from './support/extension';
import { bookingsOnServer, ORIGIN, simStep } from './support/sandbox-client';

const PATIENT = 'pat-001';
const DISCHARGE = `${ORIGIN}/ehr/patient/${PATIENT}/discharge`;

async function signIn(context: BrowserContext, panel: Page) {
  const authPage = context.waitForEvent('page');
  await panel.getByRole('button', { name: 'Sign in' }).click();
  const login = await authPage;
  await login.getByLabel('User').selectOption({ index: 0 });
  await login.getByRole('button', { name: 'Sign in' }).click();
  await expect(panel.getByText(/^Signed in/)).toBeVisible();
}

/** The side panel page: the one Chromium opened for the click, else the same page in a tab. */
async function bookingPage(context: BrowserContext, extensionId: string, opened: Promise<Page | undefined>): Promise<Page> {
  const page = await opened;
  if (page) return page;
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  return tab;
}

test('a nurse signs in, books transport from the discharge screen and sees the vendor confirm it', async ({ context, extensionId }) => {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await expectAccessible(panel);
  await signIn(context, panel);
  await expect(panel.getByText(/Open a patient's discharge screen/)).toBeVisible();

  const ehr = await context.newPage();
  await ehr.goto(DISCHARGE);
  // The overlay sits in a closed shadow root that Playwright cannot query: reach its
  // "Book transport" button the way a keyboard user does (a real, trusted key press).
  await expect.poll(() => ehr.evaluate(() => document.querySelector('[data-carerelay-overlay]') !== null)).toBe(true);
  await ehr.getByRole('link', { name: 'Back to chart' }).focus();
  await ehr.keyboard.press('Tab');
  await expect.poll(() => ehr.evaluate(() => document.activeElement?.hasAttribute('data-carerelay-overlay'))).toBe(true);
  const before = await bookingsOnServer(PATIENT);
  const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('/sidepanel.html'), timeout: 5000 }).catch(() => undefined);
  await ehr.keyboard.press('Enter');
  // The already-open panel hears that the patient changed.
  await expect(panel.getByRole('heading', { level: 2, name: /Book transport/ })).toBeVisible();
  const form = await bookingPage(context, extensionId, opened);
  await expect(form.getByRole('heading', { name: 'Book transport' })).toBeVisible();
  await expect(form.getByLabel('Drop-off street')).not.toHaveValue('');
  await expectAccessible(form);
  await form.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(form.getByRole('tab', { name: /Bookings/, selected: true })).toBeVisible();

  const after = await bookingsOnServer(PATIENT);
  const newRequests = after.requests.filter((r) => !before.requests.some((b) => b.id === r.id));
  const newTasks = after.tasks.filter((t) => !before.tasks.some((b) => b.id === t.id));
  expect(newRequests).toHaveLength(1);
  expect(newTasks).toHaveLength(1);

  await simStep(2);
  const card = form.locator(`[data-booking-id="${newRequests[0]?.id}"]`);
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked, pickup \d{2}:\d{2}, confirmation #\S+/, { timeout: 15_000 });
  await expectAccessible(form);
});
