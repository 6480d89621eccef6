// A structured handoff travels with the booking: book transport, the vendor books it,
// the nurse attaches a prefilled SBAR; the FHIR server holds the QuestionnaireResponse
// the vendor Task points at; the sender cannot acknowledge it; the receiver (another user,
// signed in on their own) acknowledges it, the 4th checkpoint turns done, and both steps
// are on the booking's timeline.
import { expect, test } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { expectAccessible } from './support/axe';
import { APP, clearFaults, fhirGet, simStep } from './support/sandbox-client';
import { bookTransport, Effort, expectOnBookings, launchEmbedded, ordersOnServer, type Resource } from './support/service-flows';

// pat-021: no other spec books for this patient, and the seed leaves it without bookings.
const PATIENT = 'pat-021';

test.afterEach(async () => clearFaults());

test('SBAR handoff: prefilled, attached to the vendor Task, acknowledged by the receiver, not the sender', async ({ page, browser }) => {
  test.setTimeout(120_000); // two people, each signing in and loading the chart
  const app = await launchEmbedded(page, PATIENT);
  await bookTransport(app, new Effort());
  await expectOnBookings(app, 1);
  const card = app.getByTestId('booking').first();
  await simStep(2); // accept, then book
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked, pickup/, { timeout: 15_000 });
  await expect(card.getByLabel('Handoff acknowledged: not yet')).toBeVisible();

  // Keyboard: the handoff button opens the dialog, the fields are labelled and prefilled.
  await card.getByRole('button', { name: 'Hand off (SBAR)' }).focus();
  await page.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: /SBAR handoff/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Situation')).toHaveValue(/for discharge/);
  await expect(dialog.getByLabel('Recommendation')).toHaveValue(/^Pickup .+; drop-off: /);
  await dialog.getByLabel('Assessment').fill('Stable on room air; needs a wheelchair at the door.');
  await expectAccessible(page, 'iframe');
  await dialog.getByRole('button', { name: 'Attach to booking' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  await expect(card.getByTestId('handoff-status')).toHaveText('Handoff attached (SBAR)', { timeout: 15_000 });

  // Behind the UI: the vendor Task's "handoff" input resolves to the QuestionnaireResponse we wrote.
  const { tasks } = await ordersOnServer(PATIENT);
  expect(tasks).toHaveLength(1);
  const input = (tasks[0]?.input as { type: { coding: { system: string; code: string }[] }; valueReference?: { reference: string } }[])
    .find((p) => p.type.coding.some((c) => c.system === SYSTEMS.taskParam && c.code === 'handoff'));
  const reference = input?.valueReference?.reference ?? '';
  expect(reference).toMatch(/^QuestionnaireResponse\/.+/);
  const qr = await fhirGet<Resource>(reference);
  expect(qr).toMatchObject({
    resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'https://carerelay.example.org/fhir/Questionnaire/sbar|1',
    subject: { reference: `Patient/${PATIENT}` }, identifier: { system: SYSTEMS.bookingId },
  });
  const items = qr.item as { linkId: string; answer?: { valueString: string }[] }[];
  expect(items.map((i) => i.linkId)).toEqual(['situation', 'background', 'assessment', 'recommendation']);
  expect(items.find((i) => i.linkId === 'assessment')?.answer?.[0]?.valueString).toBe('Stable on room air; needs a wheelchair at the door.');

  // The sender (the EHR's user, who wrote it) is offered no acknowledgement: it is the receiver's word.
  await expect(card.getByTestId('handoff-waiting')).toHaveText('Waiting for the receiver to acknowledge');
  await expect(card.getByRole('button', { name: 'Acknowledge handoff' })).toHaveCount(0);

  // The receiver, a discharge nurse, signs in on their own (standalone launch) and acknowledges.
  const receiver = await browser.newContext();
  const nurse = await receiver.newPage();
  await nurse.goto(`${APP}/launch.html`);
  await nurse.getByLabel('User').selectOption('Practitioner/prac-dn-1');
  await nurse.getByRole('button', { name: 'Sign in' }).click();
  await nurse.locator(`form:has(input[name="patient"][value="${PATIENT}"])`).getByRole('button', { name: /^Select / }).click();
  await nurse.getByRole('tab', { name: /^Bookings/ }).click({ timeout: 20_000 });
  const theirCard = nurse.getByTestId('booking').first();
  await theirCard.getByRole('button', { name: 'Acknowledge handoff' }).click();
  await expect(theirCard.getByLabel('Handoff acknowledged: done')).toBeVisible({ timeout: 15_000 });
  await receiver.close();

  // Back at the sender's window, the card follows without a reload; the timeline shows both steps.
  await page.bringToFront();
  await expect(card.getByLabel('Handoff acknowledged: done')).toBeVisible({ timeout: 15_000 });
  const acks = await fhirGet(`Provenance?target=${encodeURIComponent(reference)}`);
  expect(acks.entry?.map((e) => (e.resource.activity as { coding: { system: string; code: string }[] }).coding[0])).toEqual([
    expect.objectContaining({ system: SYSTEMS.step, code: 'handoff-acknowledged' }),
  ]);
  expect(acks.entry?.map((e) => (e.resource.agent as { who: { reference?: string } }[])[0]?.who.reference)).toEqual([expect.stringMatching(/Practitioner\/prac-dn-1$/)]);
  await card.getByRole('button', { name: 'Timeline' }).click();
  const timeline = card.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText('Handoff attached (SBAR)');
  await expect(timeline).toContainText('Handoff acknowledged (SBAR)');
  await expectAccessible(page, 'iframe');
});
