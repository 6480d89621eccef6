// The duplicate guard: the slot key, the form's check over the chart's bookings, and
// the write-time check against the real sandbox FHIR server (two writers at once).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultCapabilities } from '../../server/fhir-engine/index';
import { startTestFhirServer, type TestFhirServer } from '../../sandbox/fhir/test-server';
import { createFhirApi } from '../fhir/api';
import { SYSTEMS } from '../fhir/codes';
import { createFetchTransport } from '../fhir/transport';
import type { Booking } from './booking-view';
import { cancelBooking } from './cancel';
import { activeDuplicates, bookingSlot, dayOf, slotGeneration, type SlotInput } from './duplicate-guard';
import { createPlanSender } from './fallback-writes';
import { createOutbox, type KeyValueStore } from './outbox';
import { newBookingIds, planBooking, type BookingDraft } from './write-plan';

const slot: SlotInput = { patient: 'Patient/p1', service: 'transport', start: '2026-11-23T15:00:00Z', leg: 'outbound' };

describe('bookingSlot', () => {
  it('is the same for the same patient, service, day and leg, whatever the hour', () => {
    expect(bookingSlot(slot)).toBe(bookingSlot({ ...slot, start: '2026-11-23T08:30:00Z' }));
    expect(bookingSlot(slot)).toMatch(/^slot-transport-20261123-o-[0-9a-z]+$/);
    expect(bookingSlot(slot).length).toBeLessThanOrEqual(64);
  });

  it.each([
    ['another patient', { patient: 'Patient/p2' }],
    ['another service', { service: 'dme' as const }],
    ['another day', { start: '2026-11-24T15:00:00Z' }],
    ['the return leg', { leg: 'return' as const }],
    ['a deliberate second booking with its reason', { second: { reason: 'Second leg to dialysis', bookingId: 'b-2' } }],
    ['the next booking after one that ended', { generation: 1 }],
  ])('differs for %s', (_what, change) => {
    expect(bookingSlot({ ...slot, ...change })).not.toBe(bookingSlot(slot));
  });
});

const booking = (over: Partial<Booking>): Booking => ({
  id: 'sr-1', resourceType: 'ServiceRequest', service: 'transport', label: 'Wheelchair van', requestStatus: 'active', taskStatus: 'requested',
  timeIsConfirmed: false, attempts: 1, notices: [], timeline: [], requestedTime: '2026-11-23T15:00:00Z',
  checkpoints: { booked: false, patientNotified: false, patientConfirmed: false, handoffAcknowledged: false }, ...over,
});

describe('slotGeneration (ended bookings of the same slot)', () => {
  const w = { start: '2026-11-23T17:00:00Z' };
  it('counts ended bookings of that service that day, not active ones, other days or other services', () => {
    const ended = booking({ id: 'a', taskStatus: 'completed' });
    const cancelled = booking({ id: 'b', requestStatus: 'revoked', taskStatus: 'cancelled' });
    expect(slotGeneration([ended, cancelled, booking({ id: 'c' }), booking({ id: 'd', taskStatus: 'completed', requestedTime: '2026-11-25T15:00:00Z' }), booking({ id: 'e', service: 'dme', taskStatus: 'completed' })], 'transport', w)).toBe(2);
    expect(slotGeneration([ended], 'transport', { start: undefined })).toBe(0);
  });
});

describe('activeDuplicates (what the form shows before sending)', () => {
  const w = { start: '2026-11-23T17:00:00Z' };
  it.each<[string, Partial<Booking>, boolean]>([
    ['an active booking of the same service the same day', {}, true],
    ['a booked one (vendor accepted)', { taskStatus: 'accepted', milestone: 'booked' }, true],
    ['a cancelled one', { taskStatus: 'cancelled', requestStatus: 'revoked' }, false],
    ['a completed one', { taskStatus: 'completed', requestStatus: 'completed' }, false],
    ['another service', { service: 'dme' }, false],
    ['another day', { requestedTime: '2026-11-25T15:00:00Z' }, false],
    ['a will-call return (no time)', { requestedTime: undefined, willCall: true }, true],
  ])('%s → shown: %s', (_what, over, shown) => {
    expect(activeDuplicates([booking(over)], 'transport', w).length).toBe(shown ? 1 : 0);
  });
});

// ---- Write time, against the sandbox server ----

let s: TestFhirServer;
beforeAll(async () => {
  s = await startTestFhirServer(null);
});
afterAll(() => s.close());
beforeEach(async () => {
  s.fhir.capabilities = defaultCapabilities();
  await s.fhir.reset([
    { resourceType: 'Patient', id: 'p1', name: [{ family: 'Okafor' }] },
    { resourceType: 'Organization', id: 'a', name: 'Alpha Vans' },
    { resourceType: 'Practitioner', id: 'rn-1', name: [{ family: 'One' }] },
    { resourceType: 'Practitioner', id: 'rn-2', name: [{ family: 'Two' }] },
  ]);
});

function memoryStore(): KeyValueStore {
  const data = new Map<string, string>();
  return { get: async (k) => data.get(k), set: async (k, v) => void data.set(k, v), remove: async (k) => void data.delete(k), keys: async () => [...data.keys()] };
}

/** One nurse on one screen: own session, own outbox, own ids. */
function nurse(requester: string, over: Partial<BookingDraft> = {}) {
  const api = createFhirApi(createFetchTransport({ baseUrl: s.base, fetch }));
  const outbox = createOutbox({ store: memoryStore(), api, send: createPlanSender(api), sleep: async () => undefined });
  const draft: BookingDraft = {
    service: 'transport', code: 'A0130', patient: 'Patient/p1', requester, vendor: 'Organization/a',
    window: { start: '2026-11-23T15:00:00Z' }, flags: ['wheelchair'], ...over,
  };
  const plan = planBooking(draft, newBookingIds(() => crypto.randomUUID(), draft), '2026-11-22T10:00:00Z');
  return { api, book: async () => { await outbox.enqueue(plan, { summary: 'x', patient: 'p1' }); return outbox.send(plan.ids.request); } };
}

const count = async (type: string) => {
  const r = await fetch(`${s.base}/${type}?subject=Patient/p1&_summary=count`.replace('subject=Patient/p1&', type === 'Task' ? 'patient=Patient/p1&' : 'subject=Patient/p1&'));
  return ((await r.json()) as { total: number }).total;
};

describe('the slot at write time', () => {
  it('two nurses sending the same trip at the same instant leave one order and one vendor Task; the later one is told who booked it', async () => {
    const [a, b] = await Promise.all([nurse('Practitioner/rn-1').book(), nurse('Practitioner/rn-2').book()]);
    expect(await count('ServiceRequest')).toBe(1);
    expect(await count('Task')).toBe(1);
    expect(a.requestRef).toBe(b.requestRef);
    expect(a.taskRef).toBe(b.taskRef);
    expect([a, b].filter((x) => x.alreadyBooked)).toHaveLength(1);
    // The one told is told the other nurse's name: whoever's transaction the server ran first won.
    const [told, by] = a.alreadyBooked ? [a, 'Practitioner/rn-2'] : [b, 'Practitioner/rn-1'];
    expect(told.alreadyBooked).toEqual({ requestRef: a.requestRef, requester: by, authoredOn: '2026-11-22T10:00:00Z' });
  });

  it('a retry of the same plan is not "someone else"', async () => {
    const n = nurse('Practitioner/rn-1');
    const first = await n.book();
    expect(first.alreadyBooked).toBeUndefined();
  });

  it('a deliberate second booking with a stated reason is a second order, and says why', async () => {
    await nurse('Practitioner/rn-1').book();
    const second = await nurse('Practitioner/rn-2', { secondReason: 'Second leg: dialysis after the clinic' }).book();
    expect(second.alreadyBooked).toBeUndefined();
    expect(await count('ServiceRequest')).toBe(2);
    const sr = await (await fetch(`${s.base}/${second.requestRef}`)).json() as { note?: { text: string }[] };
    expect(sr.note?.[0]?.text).toContain('Second booking on purpose: Second leg: dialysis after the clinic');
  });

  it('a cancelled booking frees its slot: the same trip can be booked again', async () => {
    const n = nurse('Practitioner/rn-1');
    const first = await n.book();
    await cancelBooking(n.api, {
      requestType: 'ServiceRequest', requestId: first.requestRef.split('/')[1] ?? '', taskId: first.taskRef.split('/')[1] ?? '',
      by: 'facility', reason: 'Plan changed', actor: 'Practitioner/rn-1', provenanceId: crypto.randomUUID(), now: '2026-11-22T11:00:00Z',
    });
    const again = await nurse('Practitioner/rn-2').book();
    expect(again.alreadyBooked).toBeUndefined();
    expect(again.requestRef).not.toBe(first.requestRef);
  });

  it('a finished booking whose order the vendor left active does not hand its old order to the next booking of that day', async () => {
    const first = await nurse('Practitioner/rn-1').book();
    // The vendor completes its Task; nobody closes our order (a vendor cannot).
    const taskUrl = `${s.base}/${first.taskRef}`;
    const task = await (await fetch(taskUrl)).json() as Record<string, unknown>;
    const put = await fetch(taskUrl, { method: 'PUT', headers: { 'Content-Type': 'application/fhir+json' }, body: JSON.stringify({ ...task, status: 'completed' }) });
    expect(put.ok).toBe(true);
    // Without the generation the server hands back the finished order: the new Task would point at it.
    const stale = await nurse('Practitioner/rn-2').book();
    expect(stale.requestRef).toBe(first.requestRef);
    // The chart shows one ended booking that day, so the form sends generation 1: a fresh order and Task.
    const next = await nurse('Practitioner/rn-2', { slotGeneration: 1 }).book();
    expect(next.alreadyBooked).toBeUndefined();
    expect(next.requestRef).not.toBe(first.requestRef);
    const nextTask = await (await fetch(`${s.base}/${next.taskRef}`)).json() as { focus?: { reference?: string } };
    expect(nextTask.focus?.reference).toBe(next.requestRef);
  });

  it('without transactions or conditional create (step by step), a later nurse still finds the first booking', async () => {
    s.fhir.capabilities = { ...defaultCapabilities(), transactions: false, conditionalCreate: false };
    const first = await nurse('Practitioner/rn-1').book();
    const later = await nurse('Practitioner/rn-2').book();
    expect(later.requestRef).toBe(first.requestRef);
    expect(later.alreadyBooked).toMatchObject({ requester: 'Practitioner/rn-1' });
    expect(await count('ServiceRequest')).toBe(1);
  });
});

it('the slot identifier is on the order and its Task', () => {
  const draft: BookingDraft = { service: 'dme', code: 'E1390', patient: 'Patient/p1', vendor: 'Organization/a', window: { start: '2026-11-23T15:00:00Z' }, flags: [] };
  const plan = planBooking(draft, newBookingIds(() => crypto.randomUUID(), draft), '2026-11-22T10:00:00Z');
  for (const e of plan.bundle.entry.filter((x) => x.resource.resourceType !== 'Provenance')) {
    expect(e.resource.identifier).toContainEqual({ system: SYSTEMS.bookingSlot, value: bookingSlot({ patient: 'Patient/p1', service: 'dme', start: draft.window.start, leg: 'outbound' }) });
  }
});

describe('the slot day is the nurse’s local day', () => {
  const zone = process.env.TZ;
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('two evening pickups in New York that straddle UTC midnight share one slot', () => {
    process.env.TZ = 'America/New_York';
    const at = (iso: string): SlotInput => ({ patient: 'Patient/p1', service: 'transport', start: iso, leg: 'outbound' });
    // 19:30 and 20:30 local (EST) are 00:30 and 01:30 UTC the next day.
    expect(dayOf('2026-12-05T00:30:00.000Z')).toBe('2026-12-04');
    expect(bookingSlot(at('2026-12-04T23:30:00.000Z'))).toBe(bookingSlot(at('2026-12-05T01:30:00.000Z')));
    // A time written with its own offset keeps the day it was written in.
    expect(dayOf('2026-12-04T19:30:00-05:00')).toBe('2026-12-04');
    // The next local morning is another day.
    expect(bookingSlot(at('2026-12-05T14:00:00.000Z'))).not.toBe(bookingSlot(at('2026-12-04T23:30:00.000Z')));
  });
});
