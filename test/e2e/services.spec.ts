// All three services from the chart, as a case manager books them: each goes
// sent → accepted → completed through the vendor simulator; a decline goes to the
// next vendor by itself; a reschedule and a cancel are recorded. Every test checks
// the screen AND what the FHIR server holds. Prints actions/seconds per service.
import { expect, test } from '@playwright/test';
import { EXTENSIONS, SYSTEMS } from '../../shared/fhir/codes';
import { clearFaults, fhirGet } from './support/sandbox-client';
import {
  bookDme, bookHomeHealth, bookingCard, bookTransport, Effort, expectOnBookings, launchEmbedded, localInput, milestoneOf, nextWeekdayAt, ordersOnServer, report, sim, tasksFor,
} from './support/service-flows';

test.afterEach(async () => clearFaults());

async function steps(n: number) {
  for (let i = 0; i < n; i++) await sim('step');
}

test('transport: booked → accepted → completed, with the level of service and flags on the order', async ({ page }) => {
  const effort = new Effort();
  const app = await launchEmbedded(page, 'pat-018', effort);
  await bookTransport(app, effort);
  await expectOnBookings(app, 1);
  const card = bookingCard(app, 'Wheelchair van');
  await expect(card.getByTestId('booking-summary')).toHaveText(/Sent to vendor/);
  report('transport', effort);

  const { requests, tasks } = await ordersOnServer('pat-018');
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({ resourceType: 'ServiceRequest', code: { coding: [{ code: 'A0130' }] } });
  expect(JSON.stringify(requests[0]?.orderDetail)).toContain('wheelchair');
  expect(tasks).toHaveLength(1);

  await steps(2);
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked, pickup \d{2}:\d{2}, confirmation #\S+$/, { timeout: 15_000 });
  await steps(4); // driver assigned, en route, picked up, completed
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Completed/, { timeout: 15_000 });
  const after = await ordersOnServer('pat-018');
  expect(after.tasks.map((t) => [t.status, milestoneOf(t)])).toEqual([['completed', 'service-completed']]);
});

test('home health: referral with disciplines and the 48-hour first-visit deadline → accepted → completed', async ({ page }) => {
  const effort = new Effort();
  const app = await launchEmbedded(page, 'pat-013', effort);
  await bookHomeHealth(app, effort);
  await expectOnBookings(app, 1);
  const card = bookingCard(app, 'Home health referral');
  await expect(card.getByTestId('booking-summary')).toHaveText(/Sent to vendor/);
  await expect(card).toContainText('due by');
  report('home health', effort);

  const { requests, tasks } = await ordersOnServer('pat-013');
  expect(requests).toHaveLength(1);
  const sr = requests[0];
  expect(sr).toMatchObject({ category: [{ coding: [{ system: SYSTEMS.serviceType, code: 'home-health' }] }], code: { coding: [{ system: SYSTEMS.snomed, code: '417511005' }] } });
  expect((sr?.orderDetail as { coding: { code: string }[] }[]).map((d) => d.coding[0]?.code)).toEqual(['home-health-nursing', 'home-health-pt']);
  const task = tasks[0];
  // 42 CFR 484.55(a): 48 h from the referral, or from the return home when that is later.
  const due = Date.parse((task?.restriction as { period: { end: string } }).period.end);
  const encounter = await fhirGet<{ extension?: { url: string; valueDateTime?: string }[] }>('Encounter/enc-013');
  const home = Date.parse(encounter.extension?.find((e) => e.url === EXTENSIONS.plannedDischarge)?.valueDateTime ?? '');
  const from = Math.max(Date.parse(String(task?.authoredOn)), Number.isNaN(home) ? 0 : home);
  expect(due - from).toBeGreaterThan(47.9 * 3_600_000);
  expect(due - from).toBeLessThan(48.1 * 3_600_000);

  await steps(3); // accept, book, service completed
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Completed/, { timeout: 15_000 });
  expect((await ordersOnServer('pat-013')).tasks[0]?.status).toBe('completed');
});

test('DME: oxygen concentrator to the home, tied to the transport pickup → accepted → delivered', async ({ page }) => {
  const effort = new Effort();
  const app = await launchEmbedded(page, 'pat-012', effort);
  await bookDme(app, effort);
  await expectOnBookings(app, 1);
  const card = bookingCard(app, 'DME: Oxygen concentrator');
  await expect(card.getByTestId('booking-summary')).toHaveText(/Sent to vendor/);
  report('DME', effort);

  const { requests, tasks } = await ordersOnServer('pat-012');
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({ resourceType: 'DeviceRequest', codeCodeableConcept: { coding: [{ code: 'E1390' }] } });
  expect(JSON.stringify(requests[0]?.note)).toContain('Must arrive before the patient gets home');
  expect(tasks).toHaveLength(1);

  await steps(3); // accept, book, delivered
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Delivered/, { timeout: 15_000 });
  expect((await ordersOnServer('pat-012')).tasks.map((t) => [t.status, milestoneOf(t)])).toEqual([['completed', 'delivered']]);
});

test('a decline goes to the next vendor as a new Task; the rejected Task stays rejected and the nurse sees why', async ({ page }) => {
  // A wheelchair patient, at a time and ZIP two seeded wheelchair vendors serve.
  const app = await launchEmbedded(page, 'pat-017');
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await app.getByLabel('Pickup time').fill(localInput(nextWeekdayAt(10)));
  await app.getByLabel('ZIP').fill('43215');
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expectOnBookings(app, 1);
  const first = (await ordersOnServer('pat-017')).tasks[0];
  expect(first).toBeDefined();
  await sim('script', { match: { taskId: first?.id }, actions: ['decline', 'No driver in that window'] });
  await sim('step');

  const card = bookingCard(app, /Wheelchair van|Ambulatory|Stretcher|ambulance/);
  await expect(card.getByTestId('booking-notice').first()).toContainText(/declined \(No driver in that window\); sent to /, { timeout: 20_000 });
  await expect(card).toContainText('vendor attempt 2');

  const { requests, tasks } = await ordersOnServer('pat-017');
  const mine = tasksFor(tasks, requests[0]!);
  expect(mine).toHaveLength(2);
  const [rejected, next] = [mine.find((t) => t.id === first?.id), mine.find((t) => t.id !== first?.id)];
  expect(rejected).toMatchObject({ status: 'rejected', statusReason: { text: 'No driver in that window' } });
  expect(next?.status).toBe('requested');
  expect(next?.owner).not.toEqual(first?.owner);
  expect((requests[0]?.performer as { reference: string }[])[0]?.reference).toBe((next?.owner as { reference: string }).reference);

  await steps(2);
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked/, { timeout: 15_000 });
  // Another poll must not dispatch again.
  await page.waitForTimeout(3_000);
  expect(tasksFor((await ordersOnServer('pat-017')).tasks, requests[0]!)).toHaveLength(2);
});

test('reschedule: the order moves, the vendor confirms again, and the timeline shows who asked', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-026');
  await bookTransport(app, new Effort());
  await expectOnBookings(app, 1);
  await steps(2);
  const card = bookingCard(app, /Wheelchair van|Ambulatory|Stretcher|ambulance/);
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked/, { timeout: 15_000 });

  await card.getByRole('button', { name: 'Reschedule' }).click();
  const newTime = nextWeekdayAt(14);
  newTime.setDate(newTime.getDate() + 1);
  await app.getByLabel('New time').fill(localInput(newTime));
  await app.getByRole('button', { name: 'Request new time' }).click();
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Reschedule requested/, { timeout: 15_000 });

  const { requests, tasks } = await ordersOnServer('pat-026');
  expect(Date.parse((requests[0]?.occurrencePeriod as { start: string }).start)).toBe(newTime.getTime());
  expect(milestoneOf(tasks[0]!)).toBe('reschedule-requested');

  await sim('step'); // the vendor confirms, at the new time
  const hhmm = `${String(newTime.getHours()).padStart(2, '0')}:${String(newTime.getMinutes()).padStart(2, '0')}`;
  await expect(card.getByTestId('booking-summary')).toHaveText(new RegExp(`^Booked, pickup ${hhmm}`), { timeout: 15_000 });
  await card.getByRole('button', { name: 'Timeline' }).click();
  await expect(card.getByRole('list', { name: 'Timeline' })).toContainText('Reschedule requested');
});

test('cancel with a reason: the Task is cancelled, the order revoked, the screen says so', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-025');
  await bookHomeHealth(app, new Effort());
  await expectOnBookings(app, 1);
  const card = bookingCard(app, 'Home health referral');
  await card.getByRole('button', { name: 'Cancel booking' }).click();
  await app.getByRole('radio', { name: 'Patient declined' }).check();
  await app.getByLabel('Details').fill('Family will provide care');
  await app.getByRole('dialog').getByRole('button', { name: 'Cancel booking' }).click();
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Cancelled \(patient\)/, { timeout: 15_000 });
  const { requests, tasks } = await ordersOnServer('pat-025');
  expect(requests[0]?.status).toBe('revoked');
  expect(tasks[0]).toMatchObject({ status: 'cancelled', statusReason: { text: 'Family will provide care', coding: [{ system: SYSTEMS.cancelReason, code: 'patient-declined' }] } });
});
