// Helpers for the services and faults specs: launch from the EHR chart, book each
// service type the way a case manager does, count the user's actions and the
// seconds it took, and look behind the UI at what the FHIR server holds.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { SYSTEMS } from '../../../shared/fhir/codes';
import { fhirGet, ORIGIN, type FhirBundle } from './sandbox-client';

export type Resource = NonNullable<FhirBundle['entry']>[number]['resource'];

/** Counts what the user does (clicks, typing, choosing) from the chart to the booking. */
export class Effort {
  actions = 0;
  private readonly started = Date.now();
  async click(target: Locator) {
    this.actions += 1;
    await target.click();
  }
  async fill(target: Locator, value: string) {
    this.actions += 1;
    await target.fill(value);
  }
  seconds(): number {
    return Math.round((Date.now() - this.started) / 100) / 10;
  }
}

export async function launchEmbedded(page: Page, patientId: string, effort?: Effort): Promise<FrameLocator> {
  await page.goto(`${ORIGIN}/ehr/patient/${patientId}`);
  const launch = page.getByRole('link', { name: 'Launch CareRelay' }).or(page.getByRole('button', { name: 'Launch CareRelay' })).first();
  if (effort) await effort.click(launch);
  else await launch.click();
  const frame = page.frameLocator('iframe[title="CareRelay"]');
  await expect(frame.getByRole('tab', { name: 'Care plan' })).toBeVisible({ timeout: 20_000 });
  return frame;
}

/** Local datetime-local value for a time `hours` from now, on a quarter hour, inside the seeded vendors' hours. */
export function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Tomorrow (or the next weekday) at hh:00 local: every seeded vendor is open then. */
export function nextWeekdayAt(hour: number): Date {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  d.setHours(hour, 0, 0, 0);
  return d;
}

export async function sim(path: 'step' | 'script', body?: unknown): Promise<unknown> {
  const res = await fetch(`${ORIGIN}/__sandbox/sim/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`sim ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function setCapabilities(toggles: { transactions?: boolean; conditionalCreate?: boolean }): Promise<void> {
  const res = await fetch(`${ORIGIN}/__sandbox/capabilities`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(toggles) });
  if (!res.ok) throw new Error(`capabilities: ${res.status}`);
}

/** Requests (ServiceRequest + DeviceRequest) CareRelay wrote for a patient, and their vendor Tasks. */
export async function ordersOnServer(patientId: string) {
  const ours = encodeURIComponent(`${SYSTEMS.bookingId}|`);
  const sr = await fhirGet(`ServiceRequest?patient=${patientId}&identifier=${ours}&_count=200`);
  const dr = await fhirGet(`DeviceRequest?patient=${patientId}&identifier=${ours}&_count=200`);
  const tasks = await fhirGet(`Task?patient=${patientId}&code=${encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`)}&_count=200`);
  const list = (b: FhirBundle) => b.entry?.map((e) => e.resource) ?? [];
  return { requests: [...list(sr), ...list(dr)], tasks: list(tasks) };
}

export function tasksFor(tasks: Resource[], request: Resource): Resource[] {
  return tasks.filter((t) => (t.focus as { reference?: string } | undefined)?.reference === `${request.resourceType}/${request.id}`);
}

export function milestoneOf(task: Resource): string | undefined {
  return (task.businessStatus as { coding?: { code?: string }[] } | undefined)?.coding?.[0]?.code;
}

export function bookingCard(app: FrameLocator, label: string | RegExp): Locator {
  return app.getByTestId('booking').filter({ hasText: label });
}

export async function expectOnBookings(app: FrameLocator, count: number) {
  await expect(app.getByRole('tab', { name: new RegExp(`Bookings \\(${count}\\)`) })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
}

/** Steps the simulator until the card shows `summary` (each step moves every open vendor Task one milestone). */
export async function stepUntil(card: Locator, summary: RegExp, maxSteps = 8) {
  for (let i = 0; i < maxSteps; i++) {
    if (await card.getByTestId('booking-summary').textContent().then((t) => summary.test(t ?? ''))) return;
    await sim('step');
    await card.page().waitForTimeout(300);
  }
  await expect(card.getByTestId('booking-summary')).toHaveText(summary, { timeout: 10_000 });
}

export function report(name: string, effort: Effort) {
  console.log(`[effort] ${name}: ${effort.actions} user actions, ${effort.seconds()} s from the chart to the booking on screen`);
}

export async function bookTransport(app: FrameLocator, effort: Effort) {
  await effort.click(app.getByRole('tab', { name: 'Book transport' }));
  const confirm = app.getByRole('button', { name: 'Confirm booking' });
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toBeVisible();
  await expect(app.getByText(/^\d+ of \d+ transport vendors can do this trip/)).toBeVisible();
  // The planned discharge may fall outside every vendor's hours; then the nurse picks a time.
  if (!(await confirm.isEnabled())) await effort.fill(app.getByLabel('Pickup time'), localInput(nextWeekdayAt(10)));
  await effort.click(confirm);
}

export async function bookHomeHealth(app: FrameLocator, effort: Effort) {
  await effort.click(app.getByRole('tab', { name: 'Book home health' }));
  const send = app.getByRole('button', { name: 'Send referral' });
  await expect(app.getByRole('group', { name: 'Disciplines' })).toBeVisible();
  await expect(app.getByText(/^\d+ of \d+ agencies cover these disciplines/)).toBeVisible();
  if (!(await send.isEnabled())) await effort.fill(app.getByLabel('Start of care'), localInput(nextWeekdayAt(10)));
  await effort.click(send);
}

export async function bookDme(app: FrameLocator, effort: Effort) {
  await effort.click(app.getByRole('tab', { name: 'Book DME' }));
  const order = app.getByRole('button', { name: 'Order delivery' });
  await expect(app.getByRole('combobox', { name: 'Item' })).toBeVisible();
  await expect(app.getByText(/^\d+ of \d+ suppliers can deliver this/)).toBeVisible();
  if (!(await order.isEnabled())) {
    await effort.fill(app.getByLabel('Delivery from'), localInput(nextWeekdayAt(9)));
    await effort.fill(app.getByLabel('Delivery by'), localInput(nextWeekdayAt(12)));
  }
  await effort.click(order);
}
