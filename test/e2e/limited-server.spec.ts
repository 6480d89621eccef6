// An EHR without transactions (and without conditional create): the nurse cancels
// one booking and reschedules another from the Bookings tab. Every app write goes
// step by step (shared/booking/fallback-writes.ts); each test injects a failure
// between two of those steps and checks that pressing the button again finishes
// the job (no "someone else changed it", no "cannot move cancelled → cancelled").
// The screen AND the FHIR server are checked. Uses seed patients pat-006 and
// pat-007 only; the server's capabilities are restored after each test.
import { expect, test, type FrameLocator } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { clearFaults, fhirGet, ORIGIN, setFaults } from './support/sandbox-client';
import {
  bookHomeHealth, bookingCard, bookTransport, Effort, launchEmbedded, localInput, milestoneOf, nextWeekdayAt, ordersOnServer, sim, tasksFor, type Resource,
} from './support/service-flows';

type Capabilities = { transactions: boolean; conditionalCreate: boolean };
const FALLBACK = /This EHR does not support transactions or conditional create: CareRelay checks for duplicates before each write/;

async function capabilities(body: Partial<Capabilities>): Promise<Capabilities> {
  const res = await fetch(`${ORIGIN}/__sandbox/capabilities`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`capabilities: ${res.status}`);
  return (await res.json()) as Capabilities;
}

let before: Capabilities;
test.beforeEach(async () => {
  before = await capabilities({});
  await capabilities({ transactions: false, conditionalCreate: false });
});
test.afterEach(async () => {
  await clearFaults();
  // The sandbox is shared by every spec: put back exactly what was there.
  await capabilities({ transactions: before.transactions, conditionalCreate: before.conditionalCreate });
});

/** The newest request of a service CareRelay wrote for the patient, and its vendor Task. */
async function newest(patient: string, service: string) {
  const { requests, tasks } = await ordersOnServer(patient);
  const request = requests
    .filter((r) => JSON.stringify(r.category ?? []).includes(`"code":"${service}"`))
    .sort((a, b) => String(a.authoredOn).localeCompare(String(b.authoredOn))).at(-1);
  if (!request) throw new Error(`no ${service} request for ${patient}`);
  const task = tasksFor(tasks, request).at(-1);
  if (!task) throw new Error(`no vendor Task for ${request.id}`);
  return { request, task };
}

async function provenances(task: Resource, activity: string): Promise<Resource[]> {
  const bundle = await fhirGet(`Provenance?target=Task/${task.id}&_count=100`);
  return (bundle.entry ?? []).map((e) => e.resource).filter((p) => (p.activity as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code === activity);
}

async function expectBookingsTab(app: FrameLocator) {
  await expect(app.getByRole('tab', { name: /Bookings \(\d+\)/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
}

test('cancel without transactions: Task cancelled, order revoked, Provenance; a retry after a failure midway finishes it', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-006');
  await app.getByRole('tab', { name: 'Book home health' }).click();
  await expect(app.getByTestId('fallback-notice')).toHaveText(FALLBACK);
  await bookHomeHealth(app, new Effort());
  await expectBookingsTab(app);
  const card = bookingCard(app, 'Home health referral');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('booking-summary')).toHaveText(/Sent to vendor/);
  const { request, task } = await newest('pat-006', 'home-health');
  expect(request.status).toBe('active');

  await card.getByRole('button', { name: 'Cancel booking' }).click();
  const dialog = app.getByRole('dialog');
  await expect(dialog.getByTestId('fallback-notice')).toContainText('writes the cancellation step by step');
  await dialog.getByRole('radio', { name: 'Patient declined' }).check();
  await dialog.getByLabel('Details').fill('Family will provide care');
  // The Task is cancelled, then revoking the order fails: the cancel stops halfway.
  await setFaults([{ method: 'PUT', path: '^/fhir/R4/ServiceRequest/', kind: 'status', status: 500, times: 1 }]);
  await dialog.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  expect((await fhirGet<Resource>(`Task/${task.id}`)).status).toBe('cancelled');
  expect((await fhirGet<Resource>(`ServiceRequest/${request.id}`)).status).toBe('active');

  // Pressing the button again finishes the rest instead of refusing a cancelled Task.
  await dialog.getByRole('button', { name: 'Cancel booking' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Cancelled \(patient\)/, { timeout: 15_000 });
  await expect(card.getByRole('alert')).toHaveCount(0);

  expect(await fhirGet<Resource>(`Task/${task.id}`)).toMatchObject({ status: 'cancelled', statusReason: { text: 'Family will provide care' } });
  expect(milestoneOf(await fhirGet<Resource>(`Task/${task.id}`))).toBe('cancelled-by-patient');
  expect((await fhirGet<Resource>(`ServiceRequest/${request.id}`)).status).toBe('revoked');
  const recorded = await provenances(task, 'cancelled-by-patient');
  expect(recorded).toHaveLength(1);
  expect(recorded[0]).toMatchObject({ reason: [{ text: 'Family will provide care' }] });
  await card.getByRole('button', { name: 'Timeline' }).click();
  await expect(card.getByRole('list', { name: 'Timeline' })).toContainText('Cancelled');
});

test('reschedule without transactions: the order moves, the vendor is asked again, the Appointment follows; a retry after a failure midway finishes it', async ({ page }) => {
  const app = await launchEmbedded(page, 'pat-007');
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByTestId('fallback-notice')).toHaveText(FALLBACK);
  await bookTransport(app, new Effort());
  await expectBookingsTab(app);
  const card = bookingCard(app, /Wheelchair van|Ambulatory|Stretcher|ambulance/);
  await expect(card).toHaveCount(1);
  // The vendor simulator books with a conditional create of its Appointment: let it,
  // while the app (which read the CapabilityStatement at launch) keeps writing step by
  // step, and transactions stay off throughout.
  await capabilities({ conditionalCreate: true });
  await sim('step');
  await sim('step');
  await capabilities({ conditionalCreate: false });
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked/, { timeout: 15_000 });
  const { request, task } = await newest('pat-007', 'transport');

  await card.getByRole('button', { name: 'Reschedule' }).click();
  const dialog = app.getByRole('dialog');
  await expect(dialog.getByTestId('fallback-notice')).toContainText('writes the new time step by step');
  const newTime = nextWeekdayAt(14);
  newTime.setDate(newTime.getDate() + 1);
  await dialog.getByLabel('New time').fill(localInput(newTime));
  // The order moves, then asking the vendor again fails: the reschedule stops halfway.
  await setFaults([{ method: 'PUT', path: '^/fhir/R4/Task/', kind: 'status', status: 500, times: 1 }]);
  await dialog.getByRole('button', { name: 'Request new time' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  expect(Date.parse(((await fhirGet<Resource>(`ServiceRequest/${request.id}`)).occurrencePeriod as { start: string }).start)).toBe(newTime.getTime());
  expect(milestoneOf(await fhirGet<Resource>(`Task/${task.id}`))).toBe('booked');

  // Pressing the button again recognises its own change to the order and finishes.
  await dialog.getByRole('button', { name: 'Request new time' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Reschedule requested/, { timeout: 15_000 });
  await expect(card.getByRole('alert')).toHaveCount(0);
  expect(milestoneOf(await fhirGet<Resource>(`Task/${task.id}`))).toBe('reschedule-requested');
  expect(await provenances(task, 'reschedule-requested')).toHaveLength(1);

  await capabilities({ conditionalCreate: true });
  await sim('step'); // the vendor confirms, at the new time
  await capabilities({ conditionalCreate: false });
  const hhmm = `${String(newTime.getHours()).padStart(2, '0')}:${String(newTime.getMinutes()).padStart(2, '0')}`;
  await expect(card.getByTestId('booking-summary')).toHaveText(new RegExp(`^Booked, pickup ${hhmm}`), { timeout: 15_000 });
  const appointments = await fhirGet(`Appointment?based-on=ServiceRequest/${request.id}`);
  expect(appointments.entry?.map((e) => Date.parse(String(e.resource.start)))).toEqual([newTime.getTime()]);
  await card.getByRole('button', { name: 'Timeline' }).click();
  await expect(card.getByRole('list', { name: 'Timeline' })).toContainText('Reschedule requested');
  expect(JSON.stringify((await fhirGet<Resource>(`ServiceRequest/${request.id}`)).identifier)).toContain(SYSTEMS.bookingId);
});
