// Never twice: a second booking of the same service for the same patient that day is
// stopped in the form with the existing one shown, and needs a stated reason; two
// nurses on two screens sending the same trip at once leave one booking on the FHIR
// server, and the later one is told. Handoffs and labels fit the service.
// pat-004 and pat-005: no other spec books for them; their seeded bookings are on
// other days than the ones booked here (or another service).
import { expect, test, type FrameLocator } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { clearFaults, simStep } from './support/sandbox-client';
import { launchEmbedded, localInput, milestoneOf, ordersOnServer, sim, tasksFor, type Resource } from './support/service-flows';

test.afterEach(async () => clearFaults());

/** A weekday `days` or more ahead at hh:00 local: clear of the seeded bookings, inside vendor hours. */
function weekdayAhead(days: number, hour: number): Date {
  const d = new Date();
  d.setDate(d.getDate() + days);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  d.setHours(hour, 0, 0, 0);
  return d;
}

async function openTransportForm(app: FrameLocator, at: Date) {
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toBeVisible();
  await app.getByLabel('Pickup time').fill(localInput(at));
}

const at = (r: Resource) => Date.parse(String((r.occurrencePeriod as { start?: string } | undefined)?.start ?? ''));
async function transportsAt(patient: string, when: Date): Promise<Resource[]> {
  const { requests } = await ordersOnServer(patient);
  return requests.filter((r) => r.resourceType === 'ServiceRequest' && at(r) === when.getTime() && r.status === 'active');
}

test('a second booking of the same trip is stopped with the existing one shown, and goes only with a stated reason', async ({ page }) => {
  const when = weekdayAhead(4, 10);
  const app = await launchEmbedded(page, 'pat-005');
  await openTransportForm(app, when);
  await expect(app.getByTestId('duplicate-check')).toHaveCount(0);
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(app.getByRole('tab', { name: /^Bookings/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  await expect.poll(async () => (await transportsAt('pat-005', when)).length).toBe(1);

  // Book transport again: the existing booking is shown, and Confirm waits for a reason.
  await openTransportForm(app, when);
  const check = app.getByTestId('duplicate-check');
  await expect(check).toBeVisible({ timeout: 15_000 });
  await expect(check.getByTestId('existing-booking')).toHaveCount(1);
  await expect(check.getByTestId('existing-booking')).toContainText(/pickup .+ · .+ · Sent to vendor/);
  const confirm = app.getByRole('button', { name: 'Confirm booking' });
  await expect(confirm).toBeDisabled();
  await expect(app.getByText('Needs a reason for booking again (one is already active).')).toBeVisible();
  await expectAccessible(page, 'iframe');
  // Nothing new on the server while the nurse reads.
  expect(await transportsAt('pat-005', when)).toHaveLength(1);

  await check.getByLabel(/Reason for another booking/).fill('Second leg: dialysis after the clinic');
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect.poll(async () => (await transportsAt('pat-005', when)).length, { timeout: 15_000 }).toBe(2);
  const notes = (await transportsAt('pat-005', when)).map((r) => JSON.stringify(r.note ?? []));
  expect(notes.filter((n) => n.includes('Second booking on purpose: Second leg: dialysis after the clinic'))).toHaveLength(1);
});

test('two nurses on two screens booking the same trip at once: one booking on the server, the other nurse is told', async ({ browser }) => {
  const when = weekdayAhead(5, 11);
  const screens = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const pages = await Promise.all(screens.map((c) => c.newPage()));
    const apps = await Promise.all(pages.map((p) => launchEmbedded(p, 'pat-004')));
    for (const app of apps) await openTransportForm(app, when);
    // Both forms are open and clean: neither knows of the other's booking yet.
    for (const app of apps) await expect(app.getByTestId('duplicate-check')).toHaveCount(0);
    await Promise.all(apps.map((app) => app.getByRole('button', { name: 'Confirm booking' }).click()));
    for (const app of apps) await expect(app.getByRole('tab', { name: /^Bookings/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });

    // Behind the UI: one order and one vendor Task for that trip.
    const requests = await transportsAt('pat-004', when);
    expect(requests).toHaveLength(1);
    const { tasks } = await ordersOnServer('pat-004');
    expect(tasks.filter((t) => (t.focus as { reference?: string }).reference === `ServiceRequest/${requests[0]?.id}`)).toHaveLength(1);

    // Exactly one nurse is told who booked it first, and sees that booking.
    const told = await Promise.all(apps.map((app) => app.getByTestId('already-booked').count()));
    expect([...told].sort()).toEqual([0, 1]);
    const later = apps[told.indexOf(1)]!;
    await expect(later.getByTestId('already-booked')).toContainText(/^Already booked by .+ at .+: .+ was not sent again/);
    await expect(later.getByTestId('booking').filter({ hasText: /Wheelchair van|Ambulatory|Stretcher|ambulance/ }).first()).toBeVisible();
  } finally {
    await Promise.all(screens.map((c) => c.close()));
  }
});

test('home health: the SBAR holds no transport text, and the cards say visit and pickup', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-005');
  await app.getByRole('tab', { name: /^Bookings/ }).click();
  const hh = app.getByTestId('booking').filter({ hasText: 'Home health referral' });
  // The seeded referral is booked; other specs' simulator steps may have moved it on (Completed): the time is a visit either way.
  await expect(hh.getByTestId('booking-summary')).toHaveText(/^(Booked|Completed), visit \d{2}:\d{2}, confirmation #\S+$/, { timeout: 15_000 });
  await expect(hh).toContainText(/Visit: /);
  const ride = app.getByTestId('booking').filter({ hasText: /Wheelchair van|Ambulatory|Stretcher/ }).filter({ hasText: 'confirmation #' }).first();
  await expect(ride.getByTestId('booking-summary')).toHaveText(/^[A-Z][a-z ]+, pickup \d{2}:\d{2}, confirmation #/);

  // A finished booking takes no handoff (decision 0011), and the seeded referral may be completed
  // by now: the nurse sends a new referral for a later week and hands that one off.
  await app.getByRole('tab', { name: 'Book home health' }).click();
  await expect(app.getByRole('group', { name: 'Disciplines' })).toBeVisible();
  const startOfCare = weekdayAhead(22, 10);
  const before = new Set((await ordersOnServer('pat-005')).requests.map((r) => r.id));
  await app.getByLabel('Start of care').fill(localInput(startOfCare));
  await app.getByRole('button', { name: 'Send referral' }).click();
  await expect(app.getByRole('tab', { name: /^Bookings/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  // The new referral's card, by its visit on the hospital's clock ("Mon, Dec 28, 10:00"; "Requested visit" until booked).
  const visit = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(startOfCare);
  const sent = app.getByTestId('booking').filter({ has: app.getByRole('heading', { name: 'Home health referral' }) }).filter({ hasText: visit });
  await expect(sent).toHaveCount(1);
  // A handoff goes with a booked referral: the vendor (simulator) books it, watched on the server.
  const referralTask = async () => {
    const { requests, tasks } = await ordersOnServer('pat-005');
    const startsAt = (r: Resource) => Date.parse(String((r.occurrencePeriod as { start?: string } | undefined)?.start ?? r.occurrenceDateTime ?? ''));
    const added = requests.filter((r) => !before.has(r.id) && startsAt(r) === startOfCare.getTime());
    expect(added).toHaveLength(1);
    return tasksFor(tasks, added[0]!)[0];
  };
  for (let i = 0; i < 4 && milestoneOf((await referralTask())!) !== 'booked'; i++) await sim('step');
  expect(milestoneOf((await referralTask())!)).toBe('booked');
  await expect(sent.getByTestId('booking-summary')).toHaveText(/^Booked, visit \d{2}:\d{2}/);
  await sent.getByRole('button', { name: 'Hand off (SBAR)' }).click();
  const dialog = app.getByRole('dialog', { name: /SBAR handoff/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Situation')).toHaveValue(/Home health referral for discharge/);
  await expect(dialog.getByLabel('Recommendation')).toHaveValue(/^First visit /);
  for (const field of ['Situation', 'Background', 'Assessment', 'Recommendation']) {
    await expect(dialog.getByLabel(field)).not.toHaveValue(/pickup|drop-off|wheelchair van|Oxygen: no/i);
  }
  await dialog.getByRole('button', { name: 'Close' }).click();

  await sent.getByRole('button', { name: 'Hand off (I-PASS)' }).click();
  const ipass = app.getByRole('dialog', { name: /I-PASS handoff/ });
  await expect(ipass.getByRole('combobox', { name: 'Illness severity' })).toHaveText('Watcher');
  await expect(ipass.getByLabel('Situation awareness and contingency')).not.toHaveValue(/pickup/i);
});

test('DME: the card says delivery once the vendor books it', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-004');
  await app.getByRole('tab', { name: 'Book DME' }).click();
  await expect(app.getByRole('combobox', { name: 'Item' })).toBeVisible();
  await app.getByLabel('Delivery from').fill(localInput(weekdayAhead(6, 9)));
  await app.getByLabel('Delivery by').fill(localInput(weekdayAhead(6, 12)));
  await app.getByRole('button', { name: 'Order delivery' }).click();
  await expect(app.getByRole('tab', { name: /^Bookings/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  const card = app.getByTestId('booking').filter({ hasText: /^DME: / }).first();
  for (let i = 0; i < 6; i++) {
    if (/^(Booked|Delivered)/.test((await card.getByTestId('booking-summary').textContent()) ?? '')) break;
    await simStep(1);
    await page.waitForTimeout(500);
  }
  // "Booked" or, a step later, "Delivered": either way the time is the delivery's, never a pickup.
  await expect(card.getByTestId('booking-summary')).toHaveText(/^(Booked|Delivered), delivery \d{2}:\d{2}, confirmation #DME-\S+$/, { timeout: 15_000 });
  await expect(card).toContainText('Delivery: ');
});
