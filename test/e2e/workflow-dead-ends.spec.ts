// No dead ends (issue #14): every vendor declines → the card says one thing and
// offers actions, a step lands on the case manager's worklist, and a booking made
// by phone is recorded from the step → booked with that vendor and confirmation
// number, on screen and on the server. And "no vendor tonight": a 23:30 pickup for
// a patient on oxygen shows why each vendor cannot, the next open time, other
// levels and phone numbers, and "use this time" makes the form sendable.
// Runs after faults.spec and handoff.spec (same patients, other days: day offset +10).
import { expect, test } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { expectAccessible } from './support/axe';
import { clearFaults, fhirGet, ORIGIN } from './support/sandbox-client';
import { launchEmbedded, localInput, milestoneOf, nextWeekdayAt, ordersOnServer, sim, type Resource } from './support/service-flows';

const OFFSET_DAYS = 10;

function offsetDay(hour: number, minute = 0): Date {
  const d = nextWeekdayAt(hour);
  d.setDate(d.getDate() + OFFSET_DAYS);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  d.setMinutes(minute);
  return d;
}

test.afterEach(async () => {
  await clearFaults();
  await fetch(`${ORIGIN}/__sandbox/sim/script`, { method: 'DELETE' });
});

test('no vendor tonight: why each vendor cannot, the next open time, other levels and phone numbers; "use this time" enables Confirm', async ({ page }) => {
  // pat-021: heart failure on oxygen → wheelchair van with oxygen; only one van carries oxygen, and it closes at 22:00.
  const app = await launchEmbedded(page, 'pat-021');
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toBeVisible();
  const late = offsetDay(23, 30);
  await app.getByLabel('Pickup time').fill(localInput(late));

  await expect(app.getByText(/^0 of \d+ transport vendors can do this trip$/)).toBeVisible();
  const help = app.getByTestId('no-vendor-help');
  await expect(help).toBeVisible();
  await expect(app.getByRole('button', { name: 'Confirm booking' })).toBeDisabled();
  const vendors = help.getByRole('list', { name: 'Transport vendors and why they cannot' });
  // Why each cannot, outside the drop-down.
  const metro = vendors.getByTestId('vendor-contact').filter({ hasText: 'Metro Mobility Transport' });
  await expect(metro).toContainText('closed at that time');
  await expect(vendors.getByTestId('vendor-contact').filter({ hasText: 'Scioto Wheelchair Vans' })).toContainText('no oxygen');
  await expect(vendors.getByTestId('vendor-contact').filter({ hasText: 'Capital City Ambulance (BLS)' })).toContainText('no wheelchair');
  // Phone numbers from the directory (Organization.telecom).
  await expect(metro.getByRole('link', { name: /^614-555-\d{4}$/ })).toHaveAttribute('href', /^tel:614555\d{4}$/);
  // The next open time: Metro opens at 06:00 the next morning.
  const next = new Date(late);
  next.setDate(next.getDate() + 1);
  next.setHours(6, 0, 0, 0);
  const words = next.toLocaleString('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  await expect(metro.getByTestId('next-open')).toHaveText(`Next open ${words}`);
  // Other levels are offered, not applied: the level stays what the chart says.
  await expect(help.getByRole('button', { name: /^Use BLS ambulance \(non-emergency\) \(A0428\): \d vendors?$/ })).toBeVisible();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toHaveText(/Wheelchair van \(A0130\)/);
  await expectAccessible(page);

  await metro.getByRole('button', { name: /^Use this time/ }).click();
  await expect(app.getByLabel('Pickup time')).toHaveValue(localInput(next));
  await expect(app.getByTestId('no-vendor-help')).toHaveCount(0);
  await expect(app.getByText(/^1 of \d+ transport vendors can do this trip$/)).toBeVisible();
  await expect(app.getByRole('button', { name: 'Confirm booking' })).toBeEnabled();
  expect((await ordersOnServer('pat-021')).requests.filter((r) => Date.parse((r.occurrencePeriod as { start?: string } | undefined)?.start ?? '') === next.getTime())).toHaveLength(0);
});

test('all vendors decline → one truth on the card, a step on the case manager\'s worklist → a phone booking recorded from the step → booked with that vendor', async ({ page }) => {
  test.setTimeout(120_000);
  // pat-023: bed-bound → stretcher van; three vendors can take a weekday 10:00 pickup to ZIP 43229.
  const patient = 'pat-023';
  const app = await launchEmbedded(page, patient);
  const before = new Set((await ordersOnServer(patient)).requests.map((r) => r.id));
  await app.getByRole('tab', { name: 'Book transport' }).click();
  const pickup = offsetDay(10);
  await app.getByLabel('Pickup time').fill(localInput(pickup));
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(app.getByRole('tab', { name: /^Bookings/ })).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
  const request = (await ordersOnServer(patient)).requests.find((r) => !before.has(r.id));
  expect(request).toBeDefined();
  const card = app.locator(`[data-testid="booking"][data-booking-id="${request?.id ?? ''}"]`);
  await expect(card).toBeVisible();

  // Every vendor declines, one after another (dispatch sends it on after each decline).
  const declined = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const open = (await vendorTasks(request!)).find((t) => t.status === 'requested');
    if (!open) {
      if (await card.getByTestId('dead-end').isVisible()) break;
      await expect.poll(async () => (await vendorTasks(request!)).some((t) => t.status === 'requested') || (await card.getByTestId('dead-end').isVisible()), { timeout: 20_000 }).toBe(true);
      continue;
    }
    await sim('script', { match: { taskId: open.id }, actions: ['decline', 'No crew available'] });
    await sim('step');
    declined.add(String((open.owner as { reference: string }).reference));
    await expect.poll(async () => (await vendorTasks(request!)).find((t) => t.id === open.id)?.status, { timeout: 10_000 }).toBe('rejected');
  }
  await expect(card.getByTestId('dead-end')).toBeVisible({ timeout: 20_000 });
  expect(declined.size).toBe(3);
  // One truth: no "looking for the next vendor" beside "no other vendor".
  await expect(card).not.toContainText('looking for the next vendor');
  await expect(card.getByTestId('dead-end-headline')).toHaveText(/Every vendor that can do this trip declined or did not answer, and no other vendor in the directory can take it/);
  const called = card.getByRole('list', { name: 'Vendors to call' }).getByTestId('vendor-contact');
  await expect(called.filter({ hasText: 'CareLine Stretcher Transport' })).toContainText('declined (No crew available)');
  await expect(called.filter({ hasText: 'CareLine Stretcher Transport' }).getByRole('link', { name: /^614-555-\d{4}$/ })).toBeVisible();
  for (const action of ['Record a booking made by phone', 'Change the request', 'Cancel booking']) await expect(card.getByRole('button', { name: action })).toBeVisible();

  // The step: on the server, owned by the patient's case manager, once.
  const stepCode = encodeURIComponent(`${SYSTEMS.step}|all-vendors-declined`);
  await expect.poll(async () => (await fhirGet(`Task?patient=${patient}&code=${stepCode}&status=requested`)).entry?.length ?? 0, { timeout: 20_000 }).toBe(1);
  const step = (await fhirGet(`Task?patient=${patient}&code=${stepCode}`)).entry?.[0]?.resource;
  expect(step).toMatchObject({ status: 'requested', focus: { reference: `ServiceRequest/${request?.id ?? ''}` }, owner: { reference: await caseManagerOf(patient) } });

  // On the case manager's worklist, with the action on the step itself.
  await app.getByRole('tab', { name: 'Worklist' }).click();
  const row = app.getByTestId('worklist-item').filter({ hasText: patient }).filter({ hasText: 'All vendors declined' });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await row.getByRole('button', { name: 'Record a booking made by phone' }).click();
  const dialog = app.getByRole('dialog', { name: 'Record a booking made by phone' });
  await dialog.getByRole('combobox', { name: 'Vendor' }).click();
  await app.getByRole('option', { name: /^CareLine Stretcher Transport/ }).click();
  const agreed = offsetDay(11, 15);
  await dialog.getByLabel('Pickup time').fill(localInput(agreed));
  await dialog.getByLabel('Confirmation number').fill('CLS-PH-7731');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Record booking' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 15_000 });
  await expect(row).toHaveCount(0, { timeout: 20_000 });

  // The card: booked with that vendor and confirmation number, said to be by phone.
  await app.getByRole('tab', { name: /^Bookings/ }).click();
  const hhmm = `${String(agreed.getHours()).padStart(2, '0')}:${String(agreed.getMinutes()).padStart(2, '0')}`;
  await expect(card.getByTestId('booking-summary')).toHaveText(`Booked, pickup ${hhmm}, confirmation #CLS-PH-7731`, { timeout: 20_000 });
  await expect(card).toContainText('Vendor: CareLine Stretcher Transport');
  await expect(card.getByTestId('booked-by-phone')).toHaveText('Booked by phone with CareLine Stretcher Transport, confirmation #CLS-PH-7731.');
  await expect(card.getByTestId('dead-end')).toHaveCount(0);

  // The server holds it: a 4th attempt booked with the vendor, its Appointment, the user's Provenance, the step completed.
  const tasks = await vendorTasks(request!);
  expect(tasks).toHaveLength(4);
  const phone = tasks.find((t) => t.status === 'accepted');
  expect(phone).toMatchObject({ owner: { reference: 'Organization/vendor-stretcher-1' } });
  expect(milestoneOf(phone!)).toBe('booked');
  expect(JSON.stringify(phone?.output)).toContain('CLS-PH-7731');
  const appt = await fhirGet(`Appointment?patient=${patient}&identifier=${encodeURIComponent(`${SYSTEMS.confirmation}|CLS-PH-7731`)}`);
  expect(appt.entry).toHaveLength(1);
  expect(appt.entry?.[0]?.resource).toMatchObject({ status: 'booked', start: agreed.toISOString(), basedOn: [{ reference: `ServiceRequest/${request?.id ?? ''}` }] });
  const prov = await fhirGet(`Provenance?target=Task/${phone?.id ?? ''}`);
  const booked = prov.entry?.map((e) => e.resource).find((p) => JSON.stringify(p.activity).includes('"booked"'));
  expect(JSON.stringify(booked?.reason)).toContain('Booked by phone with CareLine Stretcher Transport, confirmation #CLS-PH-7731');
  expect((booked?.agent as { who: { reference?: string } }[])[0]?.who.reference).toMatch(/Practitioner(Role)?\//);
  const sr = await fhirGet<Resource>(`ServiceRequest/${request?.id ?? ''}`);
  expect(sr).toMatchObject({ status: 'active', performer: [{ reference: 'Organization/vendor-stretcher-1' }] });
  expect((await fhirGet(`Task?patient=${patient}&code=${stepCode}`)).entry?.map((e) => e.resource.status)).toEqual(['completed']);
});

test('vendor no-show after the phone booking: the card offers rebook, a step is on the worklist, offered to another vendor → booked, the step closed', async ({ page }) => {
  test.setTimeout(120_000);
  // Continues the booking the previous test recorded by phone for pat-023 (CareLine, day offset +10).
  const patient = 'pat-023';
  const { requests } = await ordersOnServer(patient);
  const request = requests.find((r) => (r.performer as { reference?: string }[] | undefined)?.[0]?.reference === 'Organization/vendor-stretcher-1' && r.status === 'active' && Date.parse((r.occurrencePeriod as { start: string }).start) === offsetDay(11, 15).getTime());
  expect(request, 'the booking recorded by phone in the previous test').toBeDefined();
  const phone = (await vendorTasks(request!)).find((t) => t.status === 'accepted');
  await sim('script', { match: { taskId: phone?.id }, actions: ['vendor-no-show'] });
  await sim('step');
  await expect.poll(async () => (await vendorTasks(request!)).find((t) => t.id === phone?.id)?.status, { timeout: 10_000 }).toBe('failed');

  const app = await launchEmbedded(page, patient);
  await app.getByRole('tab', { name: /^Bookings/ }).click();
  const card = app.locator(`[data-testid="booking"][data-booking-id="${request?.id ?? ''}"]`);
  await expect(card.getByTestId('dead-end-headline')).toHaveText(/^The vendor did not show for this trip\. Rebook it/, { timeout: 20_000 });
  const contacts = card.getByRole('list', { name: 'Vendors to call' }).getByTestId('vendor-contact');
  await expect(contacts.filter({ hasText: 'CareLine Stretcher Transport' })).toContainText('did not show');
  for (const action of ['Record a booking made by phone', 'Offer to another vendor', 'Cancel booking']) await expect(card.getByRole('button', { name: action })).toBeVisible();
  const stepCode = encodeURIComponent(`${SYSTEMS.step}|vendor-no-show`);
  await expect.poll(async () => (await fhirGet(`Task?patient=${patient}&code=${stepCode}&status=requested`)).entry?.length ?? 0, { timeout: 20_000 }).toBe(1);
  await app.getByRole('tab', { name: 'Worklist' }).click();
  await expect(app.getByTestId('worklist-item').filter({ hasText: patient }).filter({ hasText: 'Vendor did not show' })).toHaveCount(1, { timeout: 20_000 });

  await app.getByRole('tab', { name: /^Bookings/ }).click();
  await card.getByRole('button', { name: 'Offer to another vendor' }).click();
  const dialog = app.getByRole('dialog', { name: 'Change the request and offer it to a vendor' });
  await dialog.getByRole('combobox', { name: 'Offer to' }).click();
  await app.getByRole('option', { name: 'Capital City Ambulance (BLS)' }).click();
  await dialog.getByRole('button', { name: 'Send to vendor' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 15_000 });
  await expect(card.getByTestId('dead-end')).toHaveCount(0, { timeout: 20_000 });
  const next = (await vendorTasks(request!)).find((t) => t.status === 'requested');
  await sim('script', { match: { taskId: next?.id }, actions: ['accept', 'book'] });
  for (let i = 0; i < 2; i++) await sim('step');
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked, pickup \d{2}:\d{2}, confirmation #\S+$/, { timeout: 20_000 });
  await expect(card).toContainText('Vendor: Capital City Ambulance (BLS)');

  const tasks = await vendorTasks(request!);
  expect(tasks.map((t) => [(t.owner as { reference: string }).reference, t.status])).toEqual(expect.arrayContaining([
    ['Organization/vendor-stretcher-1', 'failed'], ['Organization/vendor-amb-bls-1', 'accepted'],
  ]));
  expect(tasks).toHaveLength(5);
  expect((await fhirGet(`Task?patient=${patient}&code=${stepCode}`)).entry?.map((e) => e.resource.status)).toEqual(['completed']);
});

async function vendorTasks(request: Resource): Promise<Resource[]> {
  const bundle = await fhirGet(`Task?focus=${request.resourceType}/${request.id}&code=${encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`)}&_count=50`);
  return bundle.entry?.map((e) => e.resource) ?? [];
}

async function caseManagerOf(patient: string): Promise<string | undefined> {
  const teams = await fhirGet(`CareTeam?patient=${patient}`);
  const team = teams.entry?.[0]?.resource as { participant?: { role?: { coding?: { code?: string }[] }[]; member?: { reference?: string } }[] } | undefined;
  return team?.participant?.find((p) => p.role?.[0]?.coding?.[0]?.code === 'case-manager')?.member?.reference;
}
