// Transport legs and certification, end to end from the EHR chart: an ambulance
// that cannot be booked without its Physician Certification Statement (PCS), which
// then travels on the order as a contained QuestionnaireResponse; a round trip
// with a set return time (two linked orders, one Task each, running opposite
// ways); and a round trip whose return is will-call (no fixed time). Every test
// checks the screen AND what the FHIR server holds, and moves the vendor
// simulator. Patients pat-008, pat-022 and pat-027 are used by no other spec.
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { PCS_QUESTIONNAIRE } from '../../shared/booking/write-plan';
import { SYSTEMS, TASK_PARAMS } from '../../shared/fhir/codes';
import { expectAccessible } from './support/axe';
import { fhirGet, simStep } from './support/sandbox-client';
import { expectOnBookings, launchEmbedded, localInput, milestoneOf, nextWeekdayAt, ordersOnServer, tasksFor, type Resource } from './support/service-flows';

type Ref = { reference?: string; display?: string };
type Coded = { coding?: { system?: string; code?: string }[] };
type TaskParam = { type: Coded; valueReference?: Ref; valueString?: string };
type QrItem = { linkId: string; answer?: Record<string, string>[] };

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
const ymd = (d: Date) => localInput(d).slice(0, 10);

/** Picks an option of an MUI select with the keyboard: focus, Enter opens the list, Enter on the option chooses it. */
async function chooseOption(page: Page, app: FrameLocator, combobox: string, option: string | RegExp) {
  await app.getByRole('combobox', { name: combobox }).focus();
  await page.keyboard.press('Enter');
  await app.getByRole('option', { name: option }).press('Enter');
  await expect(app.getByRole('listbox')).toHaveCount(0);
}

function card(app: FrameLocator, request: Resource) {
  return app.locator(`[data-testid="booking"][data-booking-id="${request.id}"]`);
}

function codesOf(concepts: unknown): (string | undefined)[] {
  return ((concepts as Coded[] | undefined) ?? []).map((c) => c.coding?.[0]?.code);
}

function paramRef(task: Resource | undefined, code: string): string | undefined {
  return ([...((task?.input ?? []) as TaskParam[]), ...((task?.output ?? []) as TaskParam[])])
    .find((p) => p.type.coding?.some((c) => c.system === SYSTEMS.taskParam && c.code === code))?.valueReference?.reference;
}

function outputOf(task: Resource | undefined, code: string): TaskParam | undefined {
  return (task?.output as TaskParam[] | undefined)?.find((p) => p.type.coding?.some((c) => c.system === SYSTEMS.taskParam && c.code === code));
}

/** The bed the encounter is in: where the outbound leg starts and the return leg ends. */
async function bedOf(patientId: string): Promise<string> {
  const encounters = await fhirGet(`Encounter?patient=${patientId}&status=in-progress`);
  const bed = (encounters.entry?.[0]?.resource.location as { location: Ref }[] | undefined)?.[0]?.location.reference;
  expect(bed, `the encounter of ${patientId} has a bed`).toMatch(/^Location\//);
  return bed!;
}

/** Steps the (global) simulator until every vendor Task of this patient has reached `milestone` (or passed the step budget). */
async function stepUntilMilestone(patientId: string, milestone: string, maxSteps = 8): Promise<Resource[]> {
  for (let i = 0; ; i++) {
    const { tasks } = await ordersOnServer(patientId);
    if (tasks.length > 0 && tasks.every((t) => milestoneOf(t) === milestone)) return tasks;
    if (i >= maxSteps) throw new Error(`${patientId}: Tasks at ${tasks.map((t) => milestoneOf(t)).join(', ')} after ${maxSteps} steps, wanted ${milestone}`);
    await simStep();
  }
}

/** The two legs of a round trip: the one leaving the bed, and the one coming back to it. */
function legsOf(requests: Resource[], tasks: Resource[], bed: string) {
  const pickupOf = (r: Resource) => paramRef(tasksFor(tasks, r)[0], TASK_PARAMS.pickupLocation);
  const outbound = requests.find((r) => pickupOf(r) === bed);
  const back = requests.find((r) => r !== outbound);
  expect(outbound, 'a leg picks the patient up at the bed').toBeDefined();
  expect(back, 'a second leg').toBeDefined();
  return { outbound: outbound!, back: back!, outTask: tasksFor(tasks, outbound!)[0]!, backTask: tasksFor(tasks, back!)[0]! };
}

test('ALS ambulance: chosen through the level-of-service questions, blocked until the PCS is complete, and the order carries the PCS', async ({ page }) => {
  const patient = 'pat-027';
  const app = await launchEmbedded(page, patient);
  await app.getByRole('tab', { name: 'Book transport' }).click();
  const level = app.getByRole('combobox', { name: 'Level of service' });
  const pcs = app.getByRole('group', { name: 'Physician Certification Statement' });
  const confirm = app.getByRole('button', { name: 'Confirm booking' });
  await expect(level).toBeVisible();
  // The chart asks for cardiac monitoring en route: it proposes an ALS ambulance, never less,
  // and an ambulance asks for the PCS.
  await expect(level).toHaveText('ALS ambulance (non-emergency) (A0426)');
  await expect(pcs).toBeVisible();

  const pickup = nextWeekdayAt(9);
  await app.getByLabel('Pickup time').fill(localInput(pickup));
  await app.getByRole('button', { name: 'Answer level-of-service questions' }).click();
  await chooseOption(page, app, 'Monitoring en route', /^Advanced/);
  await expect(level).toHaveText('ALS ambulance (non-emergency) (A0426)');
  // The reason names what the chart said, so the level can be defended to the payer.
  await expect(app.getByText(/^Cardiac monitoring en route .*ALS ambulance/).first()).toBeVisible();

  // An ambulance needs the PCS: the nurse cannot book until physician, reason and date are there
  // (the chart's attending is offered; without a physician nothing goes).
  await expect(pcs).toBeVisible();
  await pcs.getByLabel('Certifying physician').fill('');
  const blocked = app.getByText('Needs a Physician Certification Statement (ambulance).');
  await expect(confirm).toBeDisabled();
  await expect(blocked).toBeVisible();
  const physician = 'Dr. Imani Okafor';
  const reason = 'Continuous cardiac monitoring and IV heparin drip en route';
  const certified = ymd(new Date());
  await pcs.getByLabel('Certifying physician').fill(physician);
  await pcs.getByLabel('Why an ambulance is medically necessary').fill('   ');
  await expect(confirm).toBeDisabled(); // blanks are not a reason
  await pcs.getByLabel('Why an ambulance is medically necessary').fill(reason);
  await pcs.getByLabel('Date certified').fill('');
  await expect(confirm).toBeDisabled();
  await expect(blocked).toBeVisible();
  await pcs.getByLabel('Date certified').fill(certified);
  await expect(confirm).toBeEnabled();
  await expect(blocked).toHaveCount(0);

  const vendorName = (await app.getByRole('combobox', { name: 'Vendor' }).textContent())?.trim();
  expect(vendorName).toBeTruthy();
  await confirm.press('Enter');
  await expectOnBookings(app, 1);

  const { requests, tasks } = await ordersOnServer(patient);
  expect(requests).toHaveLength(1);
  const sr = requests[0]!;
  expect(sr).toMatchObject({
    resourceType: 'ServiceRequest', status: 'active',
    code: { coding: [{ system: SYSTEMS.hcpcs, code: 'A0426' }] },
    occurrencePeriod: { start: pickup.toISOString() },
    supportingInfo: [{ reference: '#pcs', display: 'Physician Certification Statement' }],
  });
  expect(sr.requisition).toBeUndefined(); // one way: no trip to link
  // The PCS is the contained resource supportingInfo points at, with what the nurse entered.
  const contained = (sr.contained ?? []) as (Record<string, unknown> & { id?: string; item?: QrItem[] })[];
  const qr = contained.find((c) => `#${c.id}` === (sr.supportingInfo as Ref[])[0]?.reference);
  expect(qr).toMatchObject({ resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: PCS_QUESTIONNAIRE, authored: certified });
  expect(Object.fromEntries((qr?.item ?? []).map((i) => [i.linkId, Object.values(i.answer?.[0] ?? {})[0]]))).toEqual({ physician, reason, date: certified });
  const mine = tasksFor(tasks, sr);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ status: 'requested', owner: (sr.performer as Ref[])[0] });
  const vendor = await fhirGet<{ name?: string }>((mine[0]!.owner as Ref).reference!);
  expect(vendor.name).toBe(vendorName);

  const booking = card(app, sr);
  await expect(booking.getByRole('heading', { name: 'ALS ambulance (non-emergency)' })).toBeVisible();
  await expect(booking.getByTestId('booking-summary')).toHaveText(/^Sent to vendor/);
  await expect(booking).not.toContainText('round trip');

  const [booked] = await stepUntilMilestone(patient, 'booked');
  const confirmation = outputOf(booked, TASK_PARAMS.confirmationNumber)?.valueString;
  expect(confirmation).toBeTruthy();
  await expect(booking.getByTestId('booking-summary')).toHaveText(`Booked, pickup ${hhmm(pickup)}, confirmation #${confirmation}`, { timeout: 15_000 });
});

test('BLS ambulance round trip with a set return time: two orders linked as one trip, opposite ways, both moved by the vendor', async ({ page }) => {
  const patient = 'pat-022';
  const bed = await bedOf(patient);
  const app = await launchEmbedded(page, patient);
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toBeVisible();
  // Bed-bound on oxygen: the chart itself proposes a BLS ambulance (right-service.ts).
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toHaveText('BLS ambulance (non-emergency) (A0428)');
  await expect(app.getByText(/a BLS crew gives oxygen to a patient lying down/)).toBeVisible();

  const pickup = nextWeekdayAt(9);
  const returnAt = nextWeekdayAt(15);
  await app.getByLabel('Pickup time').fill(localInput(pickup));
  const pcs = app.getByRole('group', { name: 'Physician Certification Statement' });
  const physician = 'Dr. Lars Whitcombe';
  const reason = 'Bed-confined, needs oxygen titration and suction en route';
  await pcs.getByLabel('Certifying physician').fill(physician);
  await pcs.getByLabel('Why an ambulance is medically necessary').fill(reason);
  await pcs.getByLabel('Date certified').fill(ymd(new Date()));

  const confirm = app.getByRole('button', { name: 'Confirm booking' });
  await expect(confirm).toBeEnabled();
  await expect(app.getByLabel('Return pickup')).toHaveCount(0);
  await app.getByRole('radio', { name: 'Round trip', exact: true }).check();
  // A round trip needs its return time.
  await expect(confirm).toBeDisabled();
  await expect(app.getByText('Needs a return pickup time.')).toBeVisible();
  await app.getByLabel('Return pickup').fill(localInput(returnAt));
  await expect(confirm).toBeEnabled();

  // The form with the PCS and the round-trip fields showing.
  await expect(pcs).toBeVisible();
  await expectAccessible(page, 'iframe[title="CareRelay"]');

  await confirm.click();
  await expectOnBookings(app, 2);

  const { requests, tasks } = await ordersOnServer(patient);
  expect(requests).toHaveLength(2);
  expect(tasks).toHaveLength(2);
  const { outbound, back, outTask, backTask } = legsOf(requests, tasks, bed);
  // One trip: both legs carry the same requisition (trip id), each its own identifier.
  const trip = outbound.requisition as { system?: string; value?: string };
  expect(trip).toMatchObject({ system: SYSTEMS.bookingId, value: expect.any(String) });
  expect(back.requisition).toEqual(trip);
  expect((outbound.identifier as { value: string }[])[0]?.value).not.toBe((back.identifier as { value: string }[])[0]?.value);
  for (const leg of [outbound, back]) {
    expect(leg).toMatchObject({ status: 'active', code: { coding: [{ system: SYSTEMS.hcpcs, code: 'A0428' }] } });
    expect(codesOf(leg.orderDetail)).not.toContain('will-call');
  }
  expect((outbound.occurrencePeriod as { start: string }).start).toBe(pickup.toISOString());
  expect(back.occurrencePeriod).toEqual({ start: returnAt.toISOString() });
  // Both legs carry the PCS (each is its own claim line); the return's note says which leg it is.
  for (const leg of [outbound, back]) {
    expect(leg.supportingInfo).toEqual([{ reference: '#pcs', display: 'Physician Certification Statement' }]);
    expect(JSON.stringify(leg.contained)).toContain(physician);
  }
  expect(JSON.stringify(back.note)).toContain('Return leg of a round trip.');
  // Opposite ways: out from the bed to the drop-off (the SNF named on the encounter), back from there to the bed (the same Location).
  const home = paramRef(outTask, TASK_PARAMS.dropoffLocation);
  expect(home).toMatch(/^Location\//);
  expect(paramRef(backTask, TASK_PARAMS.pickupLocation)).toBe(home);
  expect(paramRef(backTask, TASK_PARAMS.dropoffLocation)).toBe(bed);
  expect(backTask.status).toBe('requested');
  expect((backTask.restriction as { period: { end: string } }).period.end).toBe(returnAt.toISOString());

  // The Bookings tab shows both legs, each named as its leg of the trip, at its own time.
  const outCard = card(app, outbound);
  const backCard = card(app, back);
  await expect(outCard).toContainText('round trip, outbound leg');
  await expect(backCard).toContainText('round trip, return leg');
  await expect(backCard).not.toContainText('will-call');
  for (const [c, at] of [[outCard, pickup], [backCard, returnAt]] as const) {
    await expect(c.getByRole('heading', { name: 'BLS ambulance (non-emergency)' })).toBeVisible();
    await expect(c).toContainText(new RegExp(`Requested pickup: [^·]*\\b${hhmm(at)}\\b`));
    await expect(c.getByTestId('booking-summary')).toHaveText(/^Sent to vendor/);
  }

  // The vendor accepts and books both legs, each at its own time.
  const booked = await stepUntilMilestone(patient, 'booked');
  for (const [leg, c, at] of [[outbound, outCard, pickup], [back, backCard, returnAt]] as const) {
    const task = tasksFor(booked, leg)[0];
    const appointment = await fhirGet<{ start: string; basedOn: Ref[] }>(paramRef(task, TASK_PARAMS.appointment) ?? 'Appointment/missing');
    expect(appointment.basedOn).toEqual([{ reference: `ServiceRequest/${leg.id}` }]);
    expect(appointment.start).toBe(at.toISOString());
    await expect(c.getByTestId('booking-summary')).toHaveText(new RegExp(`^Booked, pickup ${hhmm(at)}, confirmation #${outputOf(task, TASK_PARAMS.confirmationNumber)?.valueString}$`), { timeout: 15_000 });
  }
});

test('round trip with a will-call return: the return leg has no fixed time and says will-call; both legs go to the vendor and complete', async ({ page }) => {
  const patient = 'pat-008';
  const bed = await bedOf(patient);
  const app = await launchEmbedded(page, patient);
  await app.getByRole('tab', { name: 'Book transport' }).click();
  const level = app.getByRole('combobox', { name: 'Level of service' });
  await expect(level).toBeVisible();
  // No mobility needs on the chart: a taxi, so no PCS.
  await expect(level).toHaveText(/\(A0100\)$/);
  await expect(app.getByRole('group', { name: 'Physician Certification Statement' })).toHaveCount(0);

  const pickup = nextWeekdayAt(10);
  await app.getByLabel('Pickup time').fill(localInput(pickup));
  const willCall = app.getByRole('radio', { name: 'Round trip, will-call return' });
  await willCall.focus();
  await page.keyboard.press('Space');
  await expect(willCall).toBeChecked();
  // Will-call: the patient calls when ready, so there is no return time to enter.
  await expect(app.getByLabel('Return pickup')).toHaveCount(0);
  const confirm = app.getByRole('button', { name: 'Confirm booking' });
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expectOnBookings(app, 2);

  const { requests, tasks } = await ordersOnServer(patient);
  expect(requests).toHaveLength(2);
  expect(tasks).toHaveLength(2);
  const { outbound, back, outTask, backTask } = legsOf(requests, tasks, bed);
  expect(back.requisition).toEqual(outbound.requisition);
  expect(outbound.requisition).toMatchObject({ system: SYSTEMS.bookingId, value: expect.any(String) });
  expect((outbound.occurrencePeriod as { start: string }).start).toBe(pickup.toISOString());
  expect(codesOf(outbound.orderDetail)).not.toContain('will-call');
  // The return leg: no time, marked will-call in its order details, no deadline on its Task.
  expect(back.occurrencePeriod).toBeUndefined();
  expect(back.occurrenceDateTime).toBeUndefined();
  expect(codesOf(back.orderDetail)).toContain('will-call');
  // Said in words too: some vendors read only the note.
  expect(JSON.stringify(back.note)).toContain('Will-call return');
  expect(backTask.restriction).toBeUndefined();
  expect(paramRef(backTask, TASK_PARAMS.pickupLocation)).toBe(paramRef(outTask, TASK_PARAMS.dropoffLocation));
  expect(paramRef(backTask, TASK_PARAMS.dropoffLocation)).toBe(bed);
  for (const leg of [outbound, back]) {
    expect(leg.code).toMatchObject({ coding: [{ system: SYSTEMS.hcpcs, code: 'A0100' }] });
    expect(leg.supportingInfo).toBeUndefined(); // not an ambulance: no PCS
  }

  const outCard = card(app, outbound);
  const backCard = card(app, back);
  await expect(outCard).toContainText(new RegExp(`Requested pickup: [^·]*\\b${hhmm(pickup)}\\b`));
  await expect(backCard).toContainText('Requested pickup: —');
  await expect(outCard).toContainText('round trip, outbound leg');
  await expect(backCard).toContainText('round trip, return leg: will-call (the patient or the unit calls when ready)');
  for (const c of [outCard, backCard]) {
    await expect(c.getByRole('heading', { name: 'Ambulatory (taxi)' })).toBeVisible();
    await expect(c.getByTestId('booking-summary')).toHaveText(/^Sent to vendor/);
  }

  await stepUntilMilestone(patient, 'booked');
  for (const c of [outCard, backCard]) await expect(c.getByTestId('booking-summary')).toHaveText(/^Booked, pickup \d{2}:\d{2}, confirmation #\S+$/, { timeout: 15_000 });
  await expect(outCard.getByTestId('booking-summary')).toHaveText(new RegExp(`^Booked, pickup ${hhmm(pickup)},`));
  const done = await stepUntilMilestone(patient, 'service-completed');
  expect(done.map((t) => t.status)).toEqual(['completed', 'completed']);
  for (const c of [outCard, backCard]) await expect(c.getByTestId('booking-summary')).toHaveText(/^Completed/, { timeout: 15_000 });
});
