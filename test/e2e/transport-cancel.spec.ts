// Cancellations that close the need, and steps that close themselves (issue #14):
// - a transport cancelled with "Family or own transport" stays closed: the rule runner
//   (the relay, as `npm start` runs it) opens no "book transport" step for that stay, and
//   the booking's timeline shows the reason in words and the vendor's acknowledgement;
// - a completed trip closes its "tell the patient the pickup time" step, on the server and
//   on the worklist.
// Runs after services.spec and faults.spec (file order), which count pat-024's and
// pat-025's bookings: this spec adds to them. Pickups are 8 days past the next weekday
// (this spec's day), so the duplicate guard never meets another spec's booking.
import { expect, test, type FrameLocator } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { createRelay } from '../../server/relay/relay';
import { expectAccessible } from './support/axe';
import { clearFaults, fhirGet, ORIGIN } from './support/sandbox-client';
import { launchEmbedded, localInput, nextWeekdayAt, ordersOnServer, sim, type Resource } from './support/service-flows';

const relay = createRelay({ origin: ORIGIN });

test.afterEach(async () => clearFaults());

/** This spec's day: the next weekday, 8 days on, again a weekday. */
function ourDay(hour: number): Date {
  const d = nextWeekdayAt(hour);
  d.setDate(d.getDate() + 8);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return d;
}

async function steps(patient: string, kind: string): Promise<Resource[]> {
  const bundle = await fhirGet(`Task?patient=${patient}&code=${encodeURIComponent(`${SYSTEMS.step}|${kind}`)}&_count=100`);
  return bundle.entry?.map((e) => e.resource) ?? [];
}

const OPEN = ['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'];

/** Books transport at `when` from the app and returns the new order's id (the card's data-booking-id). */
async function bookTransportAt(app: FrameLocator, patient: string, when: Date): Promise<string> {
  const before = new Set((await ordersOnServer(patient)).requests.map((r) => r.id));
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toBeVisible();
  await app.getByLabel('Pickup time').fill(localInput(when));
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(app.getByRole('tab', { name: /^Bookings/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  let id: string | undefined;
  await expect.poll(async () => {
    id = (await ordersOnServer(patient)).requests.find((r) => !before.has(r.id) && (r.occurrencePeriod as { start?: string } | undefined)?.start === when.toISOString())?.id;
    return id;
  }, { timeout: 15_000 }).toBeTruthy();
  return id ?? '';
}

function card(app: FrameLocator, requestId: string) {
  return app.locator(`[data-testid="booking"][data-booking-id="${requestId}"]`);
}

async function vendorTaskOf(patient: string, requestId: string): Promise<Resource | undefined> {
  return (await ordersOnServer(patient)).tasks.find((t) => (t.focus as { reference?: string }).reference === `ServiceRequest/${requestId}`);
}

test('cancel "Family or own transport": the rule runner opens no transport request, the timeline says why and that the vendor acknowledged', async ({ page }) => {
  const PATIENT = 'pat-025';
  // The discharge order is what makes the rules ask for transport (pat-025's chart has none yet).
  await page.goto(`${ORIGIN}/ehr/patient/${PATIENT}`);
  await page.getByRole('button', { name: 'Place discharge order' }).click();
  const orders = await fhirGet(`ServiceRequest?patient=${PATIENT}&code=${encodeURIComponent(`${SYSTEMS.snomed}|58000006`)}&status=active`);
  expect(orders.entry).toHaveLength(1);

  // Booked before the runner ever ran (as on a busy unit), then cancelled because the family drives.
  const app = await launchEmbedded(page, PATIENT);
  const requestId = await bookTransportAt(app, PATIENT, ourDay(10));
  const ride = card(app, requestId);
  await sim('step');
  await sim('step'); // accept, then book
  await expect(ride.getByTestId('booking-summary')).toHaveText(/^Booked/, { timeout: 15_000 });

  await ride.getByRole('button', { name: 'Cancel booking' }).click();
  const dialog = app.getByRole('dialog', { name: /^Cancel / });
  await expect(dialog.getByRole('button', { name: 'Cancel booking' })).toBeDisabled(); // no reason yet
  await dialog.getByRole('radio', { name: 'Family or own transport' }).check();
  await dialog.getByLabel('Details').fill('Family will drive patient home');
  await expectAccessible(page, 'iframe');
  await dialog.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(ride.getByTestId('booking-summary')).toHaveText(/^Cancelled \(patient\)$/, { timeout: 15_000 });
  await expect(ride.getByTestId('cancellation')).toHaveText(/^Reason: Family or own transport: Family will drive patient home · Waiting for .+ to acknowledge the cancellation$/);

  // On the server: the order revoked, the Task cancelled with the coded reason and the words.
  const task = await vendorTaskOf(PATIENT, requestId);
  expect(task).toMatchObject({
    status: 'cancelled', statusReason: { coding: [{ system: SYSTEMS.cancelReason, code: 'own-transport' }], text: 'Family will drive patient home' },
  });
  expect((await ordersOnServer(PATIENT)).requests.find((r) => r.id === requestId)?.status).toBe('revoked');

  // The vendor's dispatcher acknowledges the cancel; the card and the timeline show it.
  await sim('step');
  await expect(ride.getByTestId('cancellation')).toContainText('acknowledged the cancellation', { timeout: 15_000 });
  await ride.getByRole('button', { name: 'Timeline' }).click();
  const timeline = ride.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText('Cancelled (patient) (Family or own transport: Family will drive patient home)');
  await expect(timeline).toContainText('Vendor acknowledged the cancellation');

  // The runner, twice (or two runners): the need is closed, no "book transport" for this stay.
  await relay();
  await relay();
  expect((await steps(PATIENT, 'transport-request')).filter((t) => OPEN.includes(String(t['status'])))).toEqual([]);
  await app.getByRole('tab', { name: 'Worklist' }).click();
  const table = app.getByRole('table', { name: 'Worklist' });
  await expect(table.getByTestId('worklist-item').first()).toBeVisible({ timeout: 15_000 });
  await expect(table.getByTestId('worklist-item').filter({ hasText: PATIENT }).filter({ hasText: 'Book transport' })).toHaveCount(0);
});

test('a completed trip closes its "tell the patient the pickup time" step, on the server and on the worklist', async ({ page }) => {
  const PATIENT = 'pat-024';
  const app = await launchEmbedded(page, PATIENT);
  const requestId = await bookTransportAt(app, PATIENT, ourDay(11));
  const ride = card(app, requestId);
  await sim('step');
  await sim('step'); // accept, then book
  await expect(ride.getByTestId('booking-summary')).toHaveText(/^Booked/, { timeout: 15_000 });

  await relay();
  const task = await vendorTaskOf(PATIENT, requestId);
  const mine = async () => (await steps(PATIENT, 'notify-patient')).filter((t) => (t['partOf'] as { reference: string }[] | undefined)?.[0]?.reference === `Task/${task?.id ?? ''}`);
  const [step, ...extra] = await mine();
  expect(extra).toEqual([]);
  expect(step?.['status']).toBe('requested');
  await app.getByRole('tab', { name: 'Worklist' }).click();
  const rows = app.getByRole('table', { name: 'Worklist' }).getByTestId('worklist-item').filter({ hasText: PATIENT }).filter({ hasText: 'Tell the patient the pickup time' });
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });

  // The vendor drives it to the end without anyone telling the patient.
  await app.getByRole('tab', { name: /^Bookings/ }).click();
  for (let i = 0; i < 4; i++) await sim('step'); // driver assigned, en route, picked up, completed
  await expect(ride.getByTestId('booking-summary')).toHaveText(/^Completed/, { timeout: 15_000 });
  // A finished booking takes no handoff (nobody is left to receive it).
  await expect(ride.getByRole('button', { name: /^Hand off/ })).toHaveCount(0);

  await relay();
  await relay();
  expect(await mine()).toEqual([expect.objectContaining({ status: 'cancelled', statusReason: { text: 'Trip completed' } })]);
  // Every trip of this patient is over now (file order: faults.spec's booking was driven along too): no step left to show.
  const open = (await steps(PATIENT, 'notify-patient')).filter((t) => OPEN.includes(String(t['status'])));
  expect(open).toEqual([]);
  await app.getByRole('tab', { name: 'Worklist' }).click();
  await expect(rows).toHaveCount(0, { timeout: 20_000 });
  await expect(app.getByRole('table', { name: 'Worklist' }).getByTestId('worklist-item').first()).toBeVisible();
});
