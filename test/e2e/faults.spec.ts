// Bookings survive faults: a connection dropped after the server committed, a
// 500, a 429, a 401 mid-submit, a 412 on a change and a malformed answer each
// leave exactly ONE booking on the server, and the user is told what happened.
import { expect, test, type FrameLocator } from '@playwright/test';
import { clearFaults, setFaults } from './support/sandbox-client';
import {
  bookDme, bookHomeHealth, bookingCard, bookTransport, Effort, expectOnBookings, launchEmbedded, localInput, milestoneOf, nextWeekdayAt, ordersOnServer, setCapabilities, sim,
} from './support/service-flows';

const BASE_POST = '^/fhir/R4/?$';
/** The booking's transaction only: the chart's batch reads and 2-second polls post to the same URL but send no Prefer. */
const BOOKING_POST = { method: 'POST', path: BASE_POST, prefer: 'return=representation' } as const;

test.afterEach(async () => clearFaults());

async function expectOneBooking(patient: string) {
  const { requests, tasks } = await ordersOnServer(patient);
  expect(requests).toHaveLength(1);
  expect(tasks).toHaveLength(1);
}

async function armThenBook(app: FrameLocator, rules: unknown[], book: (app: FrameLocator, e: Effort) => Promise<void>) {
  // Armed at the last moment so the fault meets the booking, not a background poll.
  const effort = new Effort();
  const original = effort.click.bind(effort);
  let armed = false;
  effort.click = async (target) => {
    const text = await target.textContent();
    if (!armed && /Confirm booking|Send referral|Order delivery/.test(text ?? '')) {
      armed = true;
      await setFaults(rules);
    }
    return original(target);
  };
  await book(app, effort);
}

test('connection dropped after the server committed: resent, booked once, and the user is told', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-014');
  // Chromium silently resends a POST once when a kept-alive socket dies without an answer;
  // the second drop reaches the app, which resends the same conditional creates.
  await armThenBook(app, [{ ...BOOKING_POST, kind: 'drop-after-commit', times: 2 }], bookTransport);
  await expectOnBookings(app, 1);
  await expect(app.getByTestId('send-notice')).toContainText(/booked once, after \d tries \(The EHR did not answer\)/);
  await expectOneBooking('pat-014');
});

test('HTTP 500 twice: retried with backoff, booked once, the user is told', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-015');
  await armThenBook(app, [{ ...BOOKING_POST, kind: 'status', status: 500, times: 2 }], bookHomeHealth);
  await expectOnBookings(app, 1);
  await expect(app.getByTestId('send-notice')).toContainText(/booked once, after \d tries \(The EHR had a problem\)/);
  await expectOneBooking('pat-015');
});

test('HTTP 429 with Retry-After: waits as told, booked once, the user is told', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-016');
  await armThenBook(app, [{ ...BOOKING_POST, kind: 'status', status: 429, retryAfter: 1, times: 1 }], bookDme);
  await expectOnBookings(app, 1);
  await expect(app.getByTestId('send-notice')).toContainText(/booked once, after \d tries \(The EHR is busy\)/);
  await expectOneBooking('pat-016');
});

test('401 mid-submit: the session is refreshed and the booking goes through once', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-020');
  await armThenBook(app, [{ ...BOOKING_POST, kind: 'status', status: 401, times: 1 }], bookTransport);
  await expectOnBookings(app, 1);
  await expect(app.getByRole('alert')).toHaveCount(0);
  await expectOneBooking('pat-020');
});

test('malformed JSON after commit: no crash, resent, booked once, the user is told', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-024');
  await armThenBook(app, [{ ...BOOKING_POST, kind: 'malformed-json', times: 1 }], bookTransport);
  await expectOnBookings(app, 1);
  await expect(app.getByTestId('send-notice')).toContainText(/booked once, after \d tries \(The EHR sent data CareRelay cannot read\)/);
  await expectOneBooking('pat-024');
});

test('412 on a reschedule: the vendor changed the booking meanwhile; nothing is overwritten, the screen reloads and says so', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-023');
  await bookTransport(app, new Effort());
  await expectOnBookings(app, 1);
  await sim('step');
  await sim('step');
  const card = bookingCard(app, /van|Ambulatory|ambulance/);
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked/, { timeout: 15_000 });
  const before = (await ordersOnServer('pat-023')).requests[0]?.occurrencePeriod;

  await card.getByRole('button', { name: 'Reschedule' }).click();
  await sim('step'); // the vendor assigns a driver while the nurse is choosing a time
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Driver assigned/, { timeout: 15_000 });
  await app.getByLabel('New time').fill(localInput(nextWeekdayAt(16)));
  await app.getByRole('button', { name: 'Request new time' }).click();
  await expect(app.getByRole('alert')).toContainText('Someone else changed this booking');

  const { requests, tasks } = await ordersOnServer('pat-023');
  expect(requests).toHaveLength(1);
  expect(requests[0]?.occurrencePeriod).toEqual(before);
  expect(milestoneOf(tasks[0]!)).toBe('driver-assigned');
});

test('a server without transactions or conditional create: the UI says so, and a dropped write still books once', async ({ page }) => {
  await setCapabilities({ transactions: false, conditionalCreate: false });
  try {
    const app = await launchEmbedded(page, 'pat-028');
    await app.getByRole('tab', { name: 'Book home health' }).click();
    await expect(app.getByTestId('fallback-notice')).toHaveText(/This EHR does not support transactions or conditional create: CareRelay checks for duplicates before each write/);
    // The Task create is dropped after the server stored it: the retry must find it, not make a second.
    await setFaults([{ method: 'POST', path: '^/fhir/R4/Task', kind: 'drop-after-commit', times: 2 }]);
    await bookHomeHealth(app, new Effort());
    await expectOnBookings(app, 1);
    await expectOneBooking('pat-028');
  } finally {
    await setCapabilities({ transactions: true, conditionalCreate: true });
  }
});
