// Texting patients end to end on real HTTP: the sandbox FHIR server and vendor simulator, the
// Twilio stand-in, CareRelay's webhooks and the relay. One text per change even with two
// runners; delivered → "patient notified"; YES → "patient confirmed"; CHANGE → a step on the
// discharge nurse's worklist; STOP → no more texts; provider down → "not delivered" on the booking.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox';
import { SANDBOX_SMS } from '../../sandbox/messaging/stand-in';
import { buildChartModel } from '../../shared/chart/chart-model';
import { loadChart } from '../../shared/chart/load-chart';
import { createFhirApi, entriesOf, type FhirApi } from '../../shared/fhir/api';
import { STEP_KINDS, SYSTEMS } from '../../shared/fhir/codes';
import { MESSAGING } from '../../shared/fhir/messaging-codes';
import { createFetchTransport } from '../../shared/fhir/transport';
import { newBookingIds, planBooking } from '../../shared/booking/write-plan';
import { backendAuthorization } from '../relay/backend-token';
import { createRelay, SANDBOX_RELAY_KEY } from '../relay/relay';
import { textPatients } from './patient-texts';
import { toE164 } from './phone';
import { parseQuietHours } from './quiet-hours';
import { createTwilioClient } from './twilio-client';

const PORT = 8493;
const ORIGIN = `http://localhost:${PORT}`;
let sandbox: Sandbox;
let api: FhirApi;
let standIn: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: PORT, appPort: 8494, simMode: 'step', smsPort: 8495 });
  standIn = new URL(sandbox.smsUrl ?? '').origin;
  const authorization = backendAuthorization({ tokenUrl: `${ORIGIN}/auth/token`, clientId: 'carerelay-relay', scope: 'system/*.cruds', keyFile: SANDBOX_RELAY_KEY });
  api = createFhirApi(createFetchTransport({ baseUrl: sandbox.fhirBaseUrl, fetch: (...a) => fetch(...a), authorization }));
}, 60_000);
afterAll(async () => sandbox?.close());

/** The provider client the relay uses, with retries that do not wait. */
const fastClient = () => createTwilioClient({ ...sandbox.messaging!.twilio, statusCallback: `${sandbox.messaging!.webhookBase}/status`, baseDelayMs: 1 });
const relay = () => createRelay({ origin: ORIGIN, messaging: sandbox.messaging, messagingClient: fastClient() });

/** Next weekday (in ~9 days) at 10:00 in New York, inside every vendor's hours. */
function pickupAt(daysAhead: number): string {
  const d = new Date(Date.now() + daysAhead * 86_400_000);
  while ([0, 6].includes(d.getUTCDay())) d.setUTCDate(d.getUTCDate() + 1);
  return `${d.toISOString().slice(0, 10)}T15:00:00.000Z`;
}

async function book(patient: string, start: string): Promise<string> {
  const draft = {
    service: 'transport' as const, code: 'A0130', patient: `Patient/${patient}`, encounter: `Encounter/enc-${patient.slice(4)}`, vendor: 'Organization/vendor-nemt-1',
    window: { start }, flags: ['wheelchair' as const], pickup: { reference: `Location/loc-home-${patient.slice(4)}` },
    dropoff: { kind: 'residence' as const, address: { line: ['1 Main St'], city: 'Columbus', state: 'OH', postalCode: '43215' } },
  };
  const ids = newBookingIds(() => crypto.randomUUID(), draft);
  await api.transaction(planBooking(draft, ids, new Date().toISOString()).bundle);
  for (let i = 0; i < 2; i++) expect((await fetch(`${ORIGIN}/__sandbox/sim/step`, { method: 'POST' })).ok).toBe(true);
  const sr = entriesOf(await api.search('ServiceRequest', { identifier: `${SYSTEMS.bookingId}|${ids.request}` }), 'ServiceRequest')[0];
  return sr?.id ?? '';
}

async function phoneOf(patient: string): Promise<string> {
  const p = await api.read('Patient', patient);
  return toE164(p.telecom?.find((t) => t.system === 'phone')?.value) ?? '';
}

async function inbox(phone: string): Promise<{ direction: string; body: string }[]> {
  return (await fetch(`${standIn}/inbox/${phone.slice(1)}/messages.json`)).json() as Promise<{ direction: string; body: string }[]>;
}

async function texts(requestId: string) {
  return entriesOf(await api.search('Communication', { 'based-on': `ServiceRequest/${requestId}`, _count: '100' }), 'Communication')
    .filter((c) => JSON.stringify(c['category']).includes(MESSAGING.patientText));
}

async function bookingOf(patient: string, requestId: string) {
  return buildChartModel(await loadChart(api, { patient })).bookings.find((b) => b.id === requestId);
}

async function reply(phone: string, body: string): Promise<void> {
  const res = await fetch(`${standIn}/inbox/${phone.slice(1)}/reply`, { method: 'POST', body: new URLSearchParams({ Body: body }), redirect: 'manual' });
  expect(res.status).toBe(303);
}

describe('texting the patient', () => {
  it('booked → one text in Spanish (the chart\'s language), delivered → "patient notified"; SI → "patient confirmed"; two runners send nothing twice', async () => {
    const request = await book('pat-028', pickupAt(9));
    const phone = await phoneOf('pat-028');
    const outcomes = await relay()();
    expect(outcomes.filter((o) => o.rule === 'text-patient' && o.key.includes('text-'))).toEqual(expect.arrayContaining([expect.objectContaining({ result: 'sent' })]));
    const received = await inbox(phone);
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toMatch(/^CareRelay: Su transporte está reservado\. .* lo recogen entre las 10:00 a\.m\. y las/);
    await vi.waitFor(async () => expect((await texts(request))[0]?.status).toBe('completed'), { timeout: 5000 });
    expect(await bookingOf('pat-028', request)).toMatchObject({ checkpoints: { patientNotified: true, patientConfirmed: false } });

    await Promise.all([relay()(), relay()()]);
    expect(await inbox(phone)).toHaveLength(1);
    expect(await texts(request)).toHaveLength(1);

    await reply(phone, 'Sí');
    const booking = await bookingOf('pat-028', request);
    expect(booking?.checkpoints.patientConfirmed).toBe(true);
    expect(booking?.timeline.map((e) => e.text).filter(Boolean)).toEqual([expect.stringMatching(/^Text to the patient, delivered: "CareRelay: Su transporte/), 'The patient replied: "Sí"']);
  }, 60_000);

  it('the time changes → exactly one "new time" text, even from two runners at once; CHANGE → a step for the discharge nurse with the patient\'s words', async () => {
    const request = await book('pat-021', pickupAt(10));
    const phone = await phoneOf('pat-021');
    await relay()();
    const [appointment] = entriesOf(await api.search('Appointment', { 'based-on': `ServiceRequest/${request}` }), 'Appointment');
    const later = new Date(Date.parse(appointment?.start ?? '') + 3_600_000).toISOString();
    await api.update('Appointment', appointment?.id ?? '', { ...appointment, start: later, end: new Date(Date.parse(later) + 1_800_000).toISOString() }, appointment?.meta?.versionId);
    const [a, b] = await Promise.all([relay()(), relay()()]);
    const sent = [...(a ?? []), ...(b ?? [])].filter((o) => o.rule === 'text-patient' && o.result === 'sent');
    expect(sent).toHaveLength(1);
    const received = await inbox(phone);
    expect(received.map((m) => m.body)).toEqual([expect.stringMatching(/Your ride is booked\. .*10:00 AM/), expect.stringMatching(/Your ride has a new time\. .*11:00 AM and 11:30 AM/)]);

    await vi.waitFor(async () => expect((await texts(request)).every((t) => t.status === 'completed')).toBe(true), { timeout: 5000 });
    await reply(phone, 'CHANGE can it be after 2pm? my daughter drives me');
    const steps = entriesOf(await api.search('Task', { patient: 'pat-021', code: `${SYSTEMS.step}|${STEP_KINDS.patientChange}` }), 'Task');
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({
      status: 'requested', focus: { reference: `ServiceRequest/${request}` }, owner: { reference: expect.stringMatching(/^PractitionerRole\//) },
      description: 'The patient asks to change the pickup: "can it be after 2pm? my daughter drives me"',
    });
  }, 60_000);

  it('STOP: the next change is not texted, and the booking says to call', async () => {
    const request = await book('pat-022', pickupAt(11));
    const phone = await phoneOf('pat-022');
    await relay()();
    await reply(phone, 'STOP');
    const [appointment] = entriesOf(await api.search('Appointment', { 'based-on': `ServiceRequest/${request}` }), 'Appointment');
    const later = new Date(Date.parse(appointment?.start ?? '') + 3_600_000).toISOString();
    await api.update('Appointment', appointment?.id ?? '', { ...appointment, start: later }, appointment?.meta?.versionId);
    await relay()();
    expect((await inbox(phone)).filter((m) => m.direction !== 'inbound')).toHaveLength(1);
    const booking = await bookingOf('pat-022', request);
    expect(booking?.notices).toContain('Text to the patient not delivered: The patient opted out of texts (replied STOP): call the patient. Call the patient and record it.');
  }, 60_000);

  it('provider down (500 on every try): retried, then "not delivered" on the booking, never "notified"', async () => {
    const request = await book('pat-020', pickupAt(12));
    await fetch(`${standIn}/__standin/faults`, { method: 'POST', body: JSON.stringify([{ kind: '500', times: 4 }]) });
    const outcomes = await relay()();
    expect(outcomes).toContainEqual(expect.objectContaining({ rule: 'text-patient', result: 'not-delivered' }));
    expect(await texts(request)).toEqual([expect.objectContaining({ status: 'not-done', statusReason: { text: 'Not delivered: the messaging provider failed (500)' } })]);
    const booking = await bookingOf('pat-020', request);
    expect(booking?.checkpoints.patientNotified).toBe(false);
    expect(booking?.notices).toContain('Text to the patient not delivered: the messaging provider failed (500). Call the patient and record it.');
  }, 60_000);

  it('quiet hours: the text waits (on-hold) and goes when they end', async () => {
    const request = await book('pat-019', pickupAt(13));
    const phone = await phoneOf('pat-019');
    const now = new Date();
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(now));
    const quietHours = parseQuietHours(`${hour}-${(hour + 2) % 24}`, 'America/New_York');
    const options = { client: fastClient(), timeZone: 'America/New_York', quietHours };
    expect(await textPatients(api, { ...options, now: () => now })).toContainEqual(expect.objectContaining({ result: 'planned' }));
    const [waiting] = await texts(request);
    expect(waiting?.status).toBe('on-hold');
    expect(await inbox(phone)).toHaveLength(0);
    const morning = new Date(Date.parse((waiting?.['extension'] as { url: string; valueDateTime?: string }[]).find((x) => x.url === MESSAGING.sendAfter)?.valueDateTime ?? ''));
    expect(morning.getTime() - now.getTime()).toBeGreaterThan(3_600_000);
    await textPatients(api, { ...options, now: () => new Date(morning.getTime() + 60_000) });
    expect(await inbox(phone)).toHaveLength(1);
  }, 60_000);

  it('a status callback that never came: after two minutes the relay asks the provider; a send interrupted mid-way is shown, not resent', async () => {
    const request = await book('pat-018', pickupAt(14));
    const phone = await phoneOf('pat-018');
    // The provider's callbacks go nowhere (CareRelay's webhook was down).
    const lost = createTwilioClient({ ...sandbox.messaging!.twilio, statusCallback: 'http://localhost:8499/nowhere', baseDelayMs: 1 });
    const options = { client: lost, timeZone: 'America/New_York' };
    const now = new Date();
    await textPatients(api, { ...options, now: () => now });
    expect(await inbox(phone)).toHaveLength(1);
    expect((await texts(request))[0]?.status).toBe('in-progress');
    // The provider has delivered it (its own record says so); only CareRelay never heard.
    await expect.poll(async () => ((await (await fetch(`${standIn}/__standin/messages?to=${encodeURIComponent(phone)}`)).json()) as { status: string }[])[0]?.status).toBe('delivered');
    expect(await textPatients(api, { ...options, now: () => new Date(now.getTime() + 60_000) })).not.toContainEqual(expect.objectContaining({ result: 'reconciled' }));
    expect(await textPatients(api, { ...options, now: () => new Date(now.getTime() + 3 * 60_000) })).toContainEqual(expect.objectContaining({ result: 'reconciled' }));
    expect((await texts(request))[0]?.status).toBe('completed');

    // A runner that died after claiming a text (no provider sid recorded): after ten minutes, "not delivered", and nothing resent.
    const [text] = await texts(request);
    const interrupted = await api.create('Communication', { ...text, id: undefined, meta: undefined, identifier: [{ system: SYSTEMS.bookingId, value: 'text-interrupted-1' }, { system: MESSAGING.thread, value: phone }], status: 'in-progress', extension: [], sent: now.toISOString() });
    await textPatients(api, { ...options, now: () => new Date(now.getTime() + 11 * 60_000) });
    expect(await api.read('Communication', interrupted.id ?? '')).toMatchObject({ status: 'not-done', statusReason: { text: expect.stringMatching(/^Not delivered: sending was interrupted/) } });
    expect(await inbox(phone)).toHaveLength(1);
  }, 60_000);

  it('every text, reply and step written is valid R4 (as a strict server would check)', async () => {
    const result = await (await fetch(`${ORIGIN}/__sandbox/validate`)).json() as { invalid: unknown[] };
    expect(result.invalid).toEqual([]);
  });

  it('webhooks refuse a request without a valid signature', async () => {
    const params = new URLSearchParams({ MessageSid: 'SMforged', From: '+16145550000', Body: 'YES', AccountSid: SANDBOX_SMS.accountSid });
    const res = await fetch(`${ORIGIN}/messaging/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': 'forged' }, body: params });
    expect(res.status).toBe(403);
  });
});
