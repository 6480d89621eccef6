// The patient is told by text (issue #17, first slice), end to end in Chromium: a nurse books
// pat-028's ride in the app (her chart records Spanish), the vendor simulator books it, the rule
// runner runs once and texts her through the Twilio stand-in; her phone (the stand-in's inbox,
// at phone size) shows the text in Spanish; she replies SI there; the app, still open, shows
// "Patient notified" (from the delivered text) and "Patient confirmed" without a reload; a
// later CAMBIAR reply puts a step with her words on the discharge nurse's worklist.
// pat-028 is booked here for a pickup 14 days past the usual test day (no other spec's day).
import { expect, test } from '@playwright/test';
import { createRelay } from '../../server/relay/relay';
import { toE164 } from '../../server/messaging/phone';
import { sandboxMessaging } from '../../sandbox/messaging/index';
import { SANDBOX } from '../../playwright.config';
import { MESSAGING } from '../../shared/fhir/messaging-codes';
import { expectAccessible } from './support/axe';
import { fhirGet, ORIGIN } from './support/sandbox-client';
import { expectOnBookings, launchEmbedded, localInput, milestoneOf, nextWeekdayAt, ordersOnServer, sim, tasksFor } from './support/service-flows';

const PATIENT = 'pat-028';
/** The stand-in sits 20 ports above the sandbox (sandbox/main.ts). */
const SMS = `http://localhost:${SANDBOX.port + 20}`;

function pickupDay(): Date {
  const d = nextWeekdayAt(10);
  d.setDate(d.getDate() + 14);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return d;
}

test('booked in the app → a text in Spanish on the patient\'s phone → she replies SI → "Patient confirmed" in the app without a reload', async ({ page, browser }) => {
  // faults.spec sends pat-028 a home health referral first: this spec follows its own ride.
  const before = new Set((await ordersOnServer(PATIENT)).requests.map((r) => r.id));
  const app = await launchEmbedded(page, PATIENT);
  await app.getByRole('tab', { name: 'Book transport' }).click();
  await expect(app.getByRole('combobox', { name: 'Level of service' })).toBeVisible();
  const pickup = pickupDay();
  await app.getByLabel('Pickup time').fill(localInput(pickup));
  const vendor = (await app.getByRole('combobox', { name: 'Vendor' }).textContent())?.trim() ?? '';
  await app.getByRole('button', { name: 'Confirm booking' }).click();
  await expectOnBookings(app, before.size + 1);
  const ride = async () => {
    const { requests: all, tasks: allTasks } = await ordersOnServer(PATIENT);
    const requests = all.filter((r) => !before.has(r.id));
    expect(requests).toHaveLength(1);
    return { requests, tasks: tasksFor(allTasks, requests[0]!) };
  };

  // The vendor books it (the simulator answers and schedules).
  for (let i = 0; i < 4 && milestoneOf((await ride()).tasks[0]!) !== 'booked'; i++) await sim('step');
  const { requests, tasks } = await ride();
  expect(milestoneOf(tasks[0]!)).toBe('booked');
  const card = app.locator(`[data-testid="booking"][data-booking-id="${requests[0]!.id}"]`);
  await expect(card.getByTestId('booking-summary')).toHaveText(/^Booked/, { timeout: 15_000 });
  await expect(card.getByLabel('Patient notified: not yet')).toBeVisible();

  // The rule runner, once, as `npm start` runs it on an interval.
  const outcomes = await createRelay({ origin: ORIGIN, messaging: sandboxMessaging(ORIGIN, SMS, 'off') })();
  expect(outcomes.filter((o) => o.rule === 'text-patient' && o.result === 'sent').length).toBeGreaterThanOrEqual(1);

  // Her phone, at phone size: the text, in Spanish, with the day, the window and the vendor.
  const patient = await fhirGet<{ telecom: { system: string; value: string }[] }>(`Patient/${PATIENT}`);
  const number = toE164(patient.telecom.find((t) => t.system === 'phone')?.value) ?? '';
  const phoneContext = await browser.newContext({ viewport: { width: 375, height: 667 } });
  const phone = await phoneContext.newPage();
  await phone.goto(`${SMS}/inbox/${number.slice(1)}`);
  const texts = phone.getByRole('list', { name: 'Messages' }).getByRole('listitem');
  await expect(texts).toHaveCount(1);
  await expect(texts.first()).toContainText('Su transporte está reservado.');
  await expect(texts.first()).toContainText(`Compañía de transporte: ${vendor.replace(/\s*\(.*$/, '')}`);
  await expect(texts.first()).toContainText(new Intl.DateTimeFormat('es-US', { day: 'numeric', month: 'long' }).format(pickup));
  await expectAccessible(phone);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // Delivered (the stand-in's status callback) → "Patient notified", on the open app.
  await expect(card.getByLabel('Patient notified: done')).toBeVisible({ timeout: 15_000 });

  await phone.getByLabel('Reply').fill('SI');
  await phone.getByRole('button', { name: 'Send' }).click();
  await expect(texts).toHaveCount(2);
  await expect(texts.last()).toContainText('SI');

  await expect(card.getByLabel('Patient confirmed: done')).toBeVisible({ timeout: 15_000 });
  await card.getByRole('button', { name: 'Timeline' }).click();
  await expect(card.getByRole('list', { name: 'Timeline' })).toContainText('Text to the patient, delivered: "CareRelay: Su transporte está reservado.');
  await expect(card.getByRole('list', { name: 'Timeline' })).toContainText('The patient replied: "SI"');

  // She needs another time after all: CAMBIAR, with her words, lands on the discharge nurse's worklist.
  await phone.getByLabel('Reply').fill('CAMBIAR mejor después de las 2, mi hija me lleva');
  await phone.getByRole('button', { name: 'Send' }).click();
  await expect(texts).toHaveCount(3);
  await expect(card.getByRole('list', { name: 'Timeline' })).toContainText('The patient replied: "CAMBIAR mejor después de las 2, mi hija me lleva"', { timeout: 15_000 });
  await app.getByRole('tab', { name: 'Worklist' }).click();
  const step = app.getByRole('table', { name: 'Worklist' }).getByTestId('worklist-item').filter({ hasText: PATIENT }).filter({ hasText: 'The patient asks to change the pickup' });
  await expect(step).toHaveCount(1, { timeout: 15_000 });
  await expect(step).toContainText('"mejor después de las 2, mi hija me lleva"');

  // Behind the screen: the Appointment's patient participant accepted; the text and the replies recorded on the booking.
  const appointment = (await fhirGet(`Appointment?based-on=ServiceRequest/${requests[0]!.id}`)).entry?.[0]?.resource as unknown as { participant: { actor?: { reference?: string }; status: string }[] };
  expect(appointment.participant.find((p) => p.actor?.reference === `Patient/${PATIENT}`)?.status).toBe('accepted');
  const comms = (await fhirGet(`Communication?based-on=ServiceRequest/${requests[0]!.id}`)).entry?.map((e) => e.resource) ?? [];
  expect(comms.map((c) => `${JSON.stringify(c.category).includes(MESSAGING.patientText) ? 'text' : 'reply'} ${String(c.status)}`).sort()).toEqual(['reply completed', 'reply completed', 'text completed']);
  await phoneContext.close();
});
