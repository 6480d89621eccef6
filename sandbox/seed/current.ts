// Current inpatients (pat-001 ...): charts, care plans, and a few bookings in flight.
import type { Task } from '@medplum/fhirtypes';
import { STEP_KINDS, SYSTEMS } from '../../shared/fhir/codes';
import { HOUR, MINUTE, DAY, at, cc, int, iso, pad, quarterHour, ref, type SeedContext } from './context';
import { buildBooking } from './booking';
import { requestRef, type BookingPlan } from './booking-plan';
import { seedCarePlan } from './care-plan';
import { SNF_LOCATIONS, seedChart } from './chart';
import { UNITS, roleOf, seedBed, type Staff } from './hospital';
import { planBooking, type PlanBookingArgs } from './plan-booking';
import { STORIES, type Story } from './stories';

export const CURRENT_PATIENTS = 28;

type Scenario = Omit<PlanBookingArgs, 'key' | 'chart' | 'story' | 'staff' | 'index' | 'sentAt' | 'start' | 'cutAt'> & { sentAgoMin: number };

/**
 * Bookings in flight, by patient number. Add a scenario here to seed a new one
 * (see README.md). Story index picks the patient's archetype.
 */
const SCENARIOS: Record<number, { story: number; bookings: Scenario[] }> = {
  // pat-001: the demo patient, discharge order signed, nothing booked yet.
  1: { story: 2, bookings: [] },
  // pat-002: transport sent to Metro Mobility, no answer yet.
  2: { story: 1, bookings: [{ service: 'transport', outcome: 'completed', declines: 0, vendorIds: ['vendor-nemt-1'], acceptDelayMin: 600, sentAgoMin: 20 }] },
  // pat-003: stretcher booked, Appointment + confirmation; the nurse still has to tell the patient.
  3: { story: 3, bookings: [{ service: 'transport', outcome: 'completed', declines: 0, vendorIds: ['vendor-stretcher-1'], acceptDelayMin: 12, sentAgoMin: 90, stopAfter: 'booked' }] },
  // pat-004: Scioto declined, re-dispatched to Metro Mobility which accepted.
  4: { story: 4, bookings: [{ service: 'transport', outcome: 'completed', declines: 1, vendorIds: ['vendor-nemt-2', 'vendor-nemt-1'], acceptDelayMin: 15, sentAgoMin: 150, stopAfter: 'accepted' }] },
  // pat-005: home health booked (first call not made yet) and transport booked.
  5: { story: 5, bookings: [
    { service: 'home-health', outcome: 'completed', declines: 0, vendorIds: ['vendor-hh-1'], acceptDelayMin: 45, sentAgoMin: 300, stopAfter: 'booked' },
    { service: 'transport', outcome: 'completed', declines: 0, vendorIds: ['vendor-nemt-1'], acceptDelayMin: 8, sentAgoMin: 120, stopAfter: 'booked' },
  ] },
  // pat-006: BLS ambulance requested, unanswered: the simulator's first customer.
  6: { story: 6, bookings: [{ service: 'transport', outcome: 'completed', declines: 0, vendorIds: ['vendor-amb-bls-1'], acceptDelayMin: 600, sentAgoMin: 5 }] },
  // pat-007: oxygen concentrator requested from Buckeye Medical Supply.
  7: { story: 1, bookings: [{ service: 'dme', outcome: 'completed', declines: 0, vendorIds: ['vendor-dme-1'], acceptDelayMin: 600, sentAgoMin: 30 }] },
};

/**
 * The receiving facility named on the encounter of a current patient going to a
 * skilled nursing facility: the one the seeded booking drives to (index % 2, as
 * plan-booking), or Maple Grove (served by the ALS vendor). pat-015 has none
 * named: the transport form asks for the facility.
 */
function destinationOf(i: number, story: Story): string | undefined {
  if (story.disposition !== 'snf' || i === 15) return undefined;
  return SCENARIOS[i]?.bookings.some((b) => b.service === 'transport') ? SNF_LOCATIONS[i % SNF_LOCATIONS.length]?.id : SNF_LOCATIONS[0].id;
}

export function seedCurrentPatients(ctx: SeedContext, staff: Staff): void {
  for (let i = 1; i <= CURRENT_PATIENTS; i++) {
    const scenario = SCENARIOS[i];
    const story: Story = STORIES[scenario?.story ?? (i * 5) % STORIES.length] ?? STORIES[0]!;
    const key = pad(i);
    const hasBookings = (scenario?.bookings.length ?? 0) > 0;
    // Patients with bookings leave in 6-30 h; the rest any time in the next 3 days.
    const discharge = quarterHour(at(ctx.now, (hasBookings ? int(ctx, 6, 30) : int(ctx, 2, 72)) * HOUR));
    const admit = quarterHour(at(discharge, -int(ctx, 3, 8) * DAY));
    const withOrder = scenario !== undefined || i % 3 === 0;
    const orderAt = withOrder ? quarterHour(at(ctx.now, -int(ctx, 6, 8) * HOUR)) : undefined;
    const bedId = seedBed(ctx, i - 1);
    const chart = seedChart(ctx, { key, story, staff, index: i, admit, discharge, current: true, orderAt, bedId, unitId: UNITS[0].id, destination: destinationOf(i, story) });
    const bookingRefs: string[] = [];
    scenario?.bookings.forEach((b, n) => {
      const bKey = `b${key}${scenario.bookings.length > 1 ? `-${n + 1}` : ''}`;
      const start = b.service === 'home-health' ? quarterHour(at(discharge, 26 * HOUR)) : discharge;
      const plan = planBooking(ctx, {
        ...b, key: bKey, chart, story, staff, index: i, start, cutAt: ctx.now,
        sentAt: at(ctx.now, -b.sentAgoMin * MINUTE),
      });
      buildBooking(ctx, plan);
      bookingRefs.push(requestRef(plan));
      if (b.service === 'transport' && b.stopAfter === 'booked' && !plan.communications.length) notifyPatientTask(ctx, plan, staff, i);
    });
    seedCarePlan(ctx, { key, chart, story, staff, index: i, admit, discharge, bookingRefs });
  }
}

/** Trigger 2 of docs/domain.md: transport booked → an open "notify patient" step for the discharge nurse. */
function notifyPatientTask(ctx: SeedContext, plan: BookingPlan, staff: Staff, index: number): void {
  const vendorTask = plan.attempts.length;
  const booked = plan.attempts.at(-1)?.steps.find((s) => s.milestone === 'booked');
  if (!booked) return;
  ctx.add<Task>({
    resourceType: 'Task', id: `task-${plan.key}-notify`,
    identifier: [{ system: SYSTEMS.bookingId, value: ctx.f.string.uuid() }],
    status: 'requested', intent: 'order', code: cc(SYSTEMS.step, STEP_KINDS.notifyPatient, 'Notify patient of pickup time'),
    focus: { reference: requestRef(plan) }, partOf: [ref('Task', `task-${plan.key}-${vendorTask}`)],
    for: ref('Patient', plan.patientId), encounter: ref('Encounter', plan.encounterId),
    authoredOn: iso(booked.at), lastModified: iso(booked.at),
    requester: ref('PractitionerRole', plan.requesterRole), owner: ref('PractitionerRole', roleOf(staff, 'discharge-nurse', index)),
    restriction: { period: { end: iso(at(plan.window.start, -2 * HOUR)) } },
    description: 'Tell the patient (or family) the pickup time and confirm they are ready',
  });
}
