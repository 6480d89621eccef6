// Deterministic synthetic bookings in the docs/fhir-model.md shape, for
// `npm run bench` (computeAllMetrics over 10,000 bookings) and property tests.
import type { ServiceType } from '../fhir/codes';
import {
  appointment, bookingRequest, communication, dischargeOrder, milestone, organization, vendorTask,
} from './fixture-builders';
import type { MetricsInput } from './parse-input';

type Resources = { [K in keyof MetricsInput]-?: unknown[] };

/** mulberry32: tiny, fast, good enough for test data, same sequence for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIN = 60_000;
const START = Date.UTC(2025, 0, 6); // a Monday; bookings spread over 12 weeks
export const SYNTHETIC_RANGE = { from: '2025-01-06T00:00:00Z', to: '2025-03-31T00:00:00Z' } as const;
const VENDORS: Record<ServiceType, string[]> = {
  transport: ['van-1', 'van-2', 'van-3', 'amb-1'], 'home-health': ['hh-1', 'hh-2', 'hh-3'], dme: ['dme-1', 'dme-2'],
};
const iso = (ms: number) => new Date(ms).toISOString();

interface Ctx { rnd: () => number; out: Resources; i: number }

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function serviceTypeFor(r: number): ServiceType {
  return r < 0.6 ? 'transport' : r < 0.85 ? 'home-health' : 'dme';
}

/** One vendor attempt and its Provenance trail; returns whether it went ahead. */
function attempt(ctx: Ctx, focus: string, type: ServiceType, patient: string, at: number, n: number): boolean {
  const { rnd, out, i } = ctx;
  const id = `t${i}-${n}`;
  const task = `Task/${id}`;
  const owner = `Organization/${pick(rnd, VENDORS[type])}`;
  const answerAt = at + (5 + rnd() * 120) * MIN;
  const declined = n === 0 && rnd() < 0.2;
  const cancelled = !declined && rnd() < 0.06;
  out.provenances.push(milestone(`${id}-ans`, task, declined ? 'declined' : 'accepted', iso(answerAt), owner));
  if (declined || cancelled) {
    if (cancelled) out.provenances.push(milestone(`${id}-c`, task, pick(rnd, ['cancelled-by-facility', 'cancelled-by-patient', 'cancelled-by-vendor'] as const), iso(answerAt + 30 * MIN)));
    out.tasks.push(vendorTask({ id, focus, owner, patient, status: declined ? 'rejected' : 'cancelled', authoredOn: iso(at), milestone: declined ? 'declined' : 'cancelled-by-facility' }));
    return false;
  }
  const bookedAt = answerAt + rnd() * 90 * MIN;
  const start = bookedAt + (4 + rnd() * 40) * 60 * MIN;
  out.provenances.push(milestone(`${id}-b`, task, 'booked', iso(bookedAt), owner));
  if (rnd() < 0.08) out.provenances.push(milestone(`${id}-r`, task, 'reschedule-requested', iso(bookedAt + 60 * MIN), owner));
  if (type === 'transport') out.provenances.push(milestone(`${id}-p`, task, 'picked-up', iso(start + (rnd() * 40 - 10) * MIN), owner));
  else out.communications.push(communication(`${id}-call`, { to: patient, sender: owner, sent: iso(at + rnd() * 72 * 60 * MIN) }));
  const done = rnd() < 0.8;
  out.appointments.push(appointment(`${id}-a`, focus, patient, iso(start), rnd() < 0.7 ? 'accepted' : 'needs-action'));
  out.communications.push(communication(`${id}-n`, { to: patient, basedOn: focus, sent: iso(start - rnd() * 24 * 60 * MIN) }));
  out.tasks.push(vendorTask({ id, focus, owner, patient, status: done ? 'completed' : 'in-progress', authoredOn: iso(at), milestone: done ? 'service-completed' : 'booked', appointment: `Appointment/${id}-a` }));
  return true;
}

function booking(ctx: Ctx): void {
  const { rnd, out, i } = ctx;
  const type = serviceTypeFor(rnd());
  const patient = `Patient/p${i}`;
  const encounter = `Encounter/e${i}`;
  const orderAt = START + Math.floor(rnd() * 12 * 7 * 24 * 60) * MIN;
  if (type === 'transport') out.serviceRequests.push(dischargeOrder(`do${i}`, encounter, patient, iso(orderAt)));
  const request = bookingRequest(`r${i}`, type, encounter, patient, iso(orderAt + 20 * MIN));
  (type === 'dme' ? out.deviceRequests : out.serviceRequests).push(request);
  const focus = `${request.resourceType}/r${i}`;
  let at = orderAt + 20 * MIN;
  for (let n = 0; n < 3; n += 1) {
    if (attempt(ctx, focus, type, patient, at, n)) return;
    at += 150 * MIN;
  }
}

/** n bookings (transport 60 %, home health 25 %, DME 15 %) with re-dispatches, cancellations and checkpoints. */
export function makeSyntheticBookings(n: number, seed: number): Required<MetricsInput> {
  const out: Resources = {
    serviceRequests: [], deviceRequests: [], tasks: [], provenances: [], appointments: [], communications: [],
    organizations: Object.values(VENDORS).flat().map((v) => organization(v, `Vendor ${v}`)),
  };
  const ctx: Ctx = { rnd: prng(seed), out, i: 0 };
  for (let i = 0; i < n; i += 1) {
    ctx.i = i;
    booking(ctx);
  }
  return out;
}
