// One clock for people (issue #14, "time that can be trusted"): the EHR, the booking
// form, the card, its timeline and Metrics show the same wall time for the same event,
// the hospital's (America/New_York), whether the browser runs in New York or in UTC
// (the machine's zone). The vendor's early "picked up" (step mode moves at once) is
// flagged on the card. Patient pat-007 (limited-server books it on the next weekdays; pat-006
// needs an ambulance PCS, pat-008's spec counts its bookings): the New York run books on the
// +12 day, the UTC run on the weekday after it.
import { expect, test, type Page } from '@playwright/test';
import { EXTENSIONS } from '../../shared/fhir/codes';
import { FACILITY_TIME_ZONE } from '../../playwright.config';
import { expectAccessible } from './support/axe';
import { fhirGet } from './support/sandbox-client';
import { bookingCard, launchEmbedded, localInput, milestoneOf, nextWeekdayAt, ordersOnServer, sim, tasksFor, type Resource } from './support/service-flows';

/** The oracle, independent of the app's formatter: "Mon, Dec 21, 10:00" on the hospital's clock. */
function wall(iso: string, seconds = false): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: FACILITY_TIME_ZONE, weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(Date.parse(iso));
}

/** "2026-12-21T10:00" on the hospital's clock (datetime-local). */
function wallInput(iso: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: FACILITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(Date.parse(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** My day: the +12th day after the next weekday (+ `more` weekdays), moved off a weekend, at `hour` in New York. */
function myDay(hour: number, more = 0): Date {
  const d = nextWeekdayAt(hour);
  d.setDate(d.getDate() + 12);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  for (let i = 0; i < more; i++) {
    d.setDate(d.getDate() + 1);
    while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  }
  return d;
}

async function plannedDischarge(patient: string): Promise<string> {
  const bundle = await fhirGet(`Encounter?patient=${patient}&status=in-progress`);
  const enc = bundle.entry?.[0]?.resource as { extension?: { url: string; valueDateTime?: string }[] } | undefined;
  const iso = enc?.extension?.find((e) => e.url === EXTENSIONS.plannedDischarge)?.valueDateTime;
  if (!iso) throw new Error(`${patient} has no planned discharge`);
  return iso;
}

async function provenanceOf(task: Resource, milestone: string): Promise<string> {
  const bundle = await fhirGet(`Provenance?target=Task/${task.id}&_count=50`);
  const p = bundle.entry?.map((e) => e.resource).find((r) => (r.activity as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code === milestone);
  if (!p) throw new Error(`no ${milestone} Provenance on Task/${task.id}`);
  return String(p.recorded);
}

/** Steps the simulator until the server holds `milestone` on the Task (the card follows by polling). */
async function stepTo(task: Resource, milestone: string): Promise<void> {
  for (let i = 0; i < 8; i++) {
    if (milestoneOf(await fhirGet<Resource>(`Task/${task.id}`)) === milestone) return;
    await sim('step');
  }
  expect(milestoneOf(await fhirGet<Resource>(`Task/${task.id}`))).toBe(milestone);
}

async function oneClock(page: Page, patient: string, dayAfter: number) {
  test.setTimeout(150_000); // EHR, form, booking, three vendor milestones, timeline and Metrics in one story
  // Pretend the checks below could be fooled by a browser on the hospital's clock: state the browser's zone.
  const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  test.info().annotations.push({ type: 'browser zone', description: browserZone });

  // The EHR: the census and the chart show the planned discharge on the hospital's clock, never "24:00".
  const discharge = await plannedDischarge(patient);
  await page.goto('/ehr');
  await expect(page.getByRole('table', { name: 'Current inpatient census' })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toContain('24:00');
  await page.goto(`/ehr/patient/${patient}`);
  const ehrDischarge = page.locator(`time[datetime="${discharge}"]`).first();
  await expect(ehrDischarge).toHaveText(wall(discharge));

  // The form proposes the same time as the EHR's planned discharge.
  const app = await launchEmbedded(page, patient);
  await app.getByRole('tab', { name: 'Book transport' }).click();
  const pickupField = app.getByLabel('Pickup time');
  await expect(pickupField).toHaveValue(wallInput(discharge));

  // A pickup at 10:00 at the hospital, typed as a nurse there would.
  const pickup = myDay(10, dayAfter);
  await pickupField.fill(localInput(pickup));
  await expect(pickupField).toHaveValue(wallInput(pickup.toISOString()));
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(app.getByRole('tab', { name: /^Bookings \(\d+\)/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  const card = bookingCard(app, wall(pickup.toISOString()));
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(`Requested pickup: ${wall(pickup.toISOString())}`);
  const { requests, tasks } = await ordersOnServer(patient);
  const request = requests.find((r) => Date.parse(String((r.occurrencePeriod as { start?: string } | undefined)?.start)) === pickup.getTime());
  expect(request, 'the server holds the instant the nurse meant: 10:00 in New York').toBeTruthy();
  const task = tasksFor(tasks, request!).at(-1)!;

  await stepTo(task, 'booked');
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked, pickup 10:00/, { timeout: 15_000 });
  await expect(card).toContainText(`Pickup: ${wall(pickup.toISOString())}`);

  // The simulator in step mode reports "picked up" now, weeks before the pickup: the card says so.
  await stepTo(task, 'picked-up');
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Picked up/, { timeout: 15_000 });
  await expect(card.getByTestId('early-report')).toContainText(/^Vendor reported picked up \d+ days? before the pickup time \(/);
  await expect(card.getByTestId('early-report')).toContainText(`(${wall(pickup.toISOString())})`);

  // The timeline shows each event at the moment the server recorded it, with seconds where events share a minute.
  const bookedAt = await provenanceOf(task, 'booked');
  const pickedAt = await provenanceOf(task, 'picked-up');
  await card.getByRole('button', { name: 'Timeline' }).click();
  const timeline = card.getByRole('list', { name: 'Timeline' });
  const booked = timeline.getByRole('listitem').filter({ hasText: 'Booked' });
  const bookedText = await booked.first().innerText();
  const shares = /\d\d:\d\d:\d\d:/.test(bookedText);
  expect(bookedText.startsWith(`${wall(bookedAt, shares)}: Booked`), `${bookedText} vs ${wall(bookedAt, shares)}`).toBe(true);
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Picked up' })).toContainText(new RegExp(`^${wall(pickedAt).replace(/[,]/g, '.?')}(:\\d\\d)?: Picked up`));
  await expectAccessible(page);

  // Metrics: the same booking (completed, so among "Referrals completed"), requested and booked at the same wall times.
  await stepTo(task, 'service-completed');
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Completed/, { timeout: 15_000 });
  await app.getByRole('tab', { name: 'Metrics' }).click();
  const bySlice = app.getByRole('table', { name: 'By service type' });
  await bySlice.getByRole('button', { name: /^Transport, Referrals completed: .*show bookings$/ }).click();
  const dialog = app.getByRole('dialog');
  await expect(dialog).toContainText(`Times in ${FACILITY_TIME_ZONE}`);
  const row = dialog.getByTestId('drill-row').filter({ hasText: wall(String(request!.authoredOn)) }).filter({ hasText: 'Completed' });
  await expect(row.first()).toBeVisible({ timeout: 20_000 });
  // Both runs book pat-007 and may request within the same minute: open every matching row's timeline.
  const rows = await row.count();
  for (let i = 0; i < rows; i++) await row.nth(i).getByRole('button', { name: /^Timeline/ }).click();
  await expect(dialog.getByTestId('drill-timeline')).toHaveCount(rows);
  const drill = dialog.getByTestId('drill-timeline');
  await expect(drill.getByRole('listitem').filter({ hasText: `${wall(bookedAt)}: Booked` }).first()).toBeVisible();
  await expect(drill.getByRole('listitem').filter({ hasText: `${wall(pickup.toISOString())}: Pickup` })).toHaveCount(1);
}

test.describe('browser in America/New_York', () => {
  test.use({ timezoneId: 'America/New_York' });
  test('the EHR, the form, the card, the timeline and Metrics show the hospital\'s time', async ({ page }) => {
    await oneClock(page, 'pat-007', 0);
  });
});

test.describe('browser in UTC (the machine\'s zone)', () => {
  test.use({ timezoneId: 'UTC' });
  test('the same wall times, though the browser is five hours ahead', async ({ page }) => {
    await oneClock(page, 'pat-007', 1); // the same patient, the next weekday (the duplicate guard allows one trip a day)
  });
});
