// A structured handoff travels with the booking: book transport, the vendor books it,
// the nurse attaches a prefilled SBAR; the FHIR server holds the QuestionnaireResponse
// the vendor Task points at; the receiver acknowledges it and the 4th checkpoint turns done.
import { expect, test } from '@playwright/test';
import { SYSTEMS } from '../../shared/fhir/codes';
import { expectAccessible } from './support/axe';
import { clearFaults, fhirGet, simStep } from './support/sandbox-client';
import { bookTransport, Effort, expectOnBookings, launchEmbedded, ordersOnServer, type Resource } from './support/service-flows';

// pat-021: no other spec books for this patient, and the seed leaves it without bookings.
const PATIENT = 'pat-021';

test.afterEach(async () => clearFaults());

test('SBAR handoff: prefilled, attached to the vendor Task, acknowledged by the receiver', async ({ page }) => {
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

  // The receiver acknowledges (in the sandbox the same user plays the receiver).
  await card.getByRole('button', { name: 'Acknowledge handoff' }).click();
  await expect(card.getByLabel('Handoff acknowledged: done')).toBeVisible({ timeout: 15_000 });
  const acks = await fhirGet(`Provenance?target=${encodeURIComponent(reference)}`);
  expect(acks.entry?.map((e) => (e.resource.activity as { coding: { system: string; code: string }[] }).coding[0])).toEqual([
    expect.objectContaining({ system: SYSTEMS.step, code: 'handoff-acknowledged' }),
  ]);
  await expectAccessible(page, 'iframe');
});
