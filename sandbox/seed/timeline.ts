// Realistic vendor timelines: when the vendor accepts, books, shows up, and how
// things go wrong (declines, reschedules, cancellations, no-shows, late pickups).
import type { ServiceType } from '../../shared/fhir/codes';
import { HOUR, MINUTE, at, chance, int, iso, pick, quarterHour, type SeedContext } from './context';
import type { AttemptPlan, CommunicationPlan, MilestoneStep } from './booking-plan';
import type { VendorSpec } from './vendors';

export type Outcome =
  | 'completed' | 'late' | 'rescheduled' | 'cancelled-by-facility' | 'cancelled-by-patient'
  | 'cancelled-by-vendor' | 'patient-no-show' | 'vendor-no-show';

export interface TimelineInput {
  service: ServiceType;
  /** Candidate vendors in dispatch order; declines and re-dispatches walk this list. */
  vendors: VendorSpec[];
  declines: number;
  outcome: Outcome;
  sentAt: Date;
  /** Desired pickup / visit / delivery time. */
  start: Date;
  requesterRole: string;
  nurseRole: string;
  /** Forces the vendor's answer delay (minutes), e.g. to leave a current request unanswered. */
  acceptDelayMin?: number;
}

export interface Timeline {
  attempts: AttemptPlan[];
  communications: CommunicationPlan[];
  requestStatus: 'active' | 'completed' | 'revoked';
}

const DECLINE_REASONS = [
  'No vehicle available in the requested window', 'Outside our service area for this time of day',
  'Level of service not available today', 'At capacity for new admissions this week', 'Payer not contracted',
];
const FACILITY_CANCEL = ['Discharge postponed: new lab results', 'Attending held discharge for observation'];
const PATIENT_CANCEL = ['Family will drive the patient home', 'Patient declined the service'];
const DURATION_MIN: Record<ServiceType, number> = { transport: 60, 'home-health': 90, dme: 120 };

/** Appends a step no earlier than one minute after the previous one. */
function push(steps: MilestoneStep[], step: MilestoneStep): Date {
  const prev = steps[steps.length - 1];
  const when = prev && step.at.getTime() <= prev.at.getTime() ? at(prev.at, MINUTE) : step.at;
  steps.push({ ...step, at: when });
  return when;
}

function acceptDelay(ctx: SeedContext, service: ServiceType): number {
  if (service === 'home-health') return int(ctx, 30, 480) * MINUTE;
  return (chance(ctx, 0.8) ? int(ctx, 3, 45) : int(ctx, 46, 240)) * MINUTE;
}

function answerDelay(ctx: SeedContext, input: TimelineInput): number {
  return input.acceptDelayMin !== undefined ? input.acceptDelayMin * MINUTE : acceptDelay(ctx, input.service);
}

function appointment(ctx: SeedContext, vendor: VendorSpec, service: ServiceType, start: Date): NonNullable<AttemptPlan['appointment']> {
  return {
    start, end: at(start, DURATION_MIN[service] * MINUTE), status: 'booked',
    patientConfirmed: chance(ctx, 0.75), confirmation: `${vendor.prefix}-${int(ctx, 1000, 9999)}`,
    eta: service === 'transport' ? start : undefined,
  };
}

export function planTimeline(ctx: SeedContext, input: TimelineInput): Timeline {
  const attempts: AttemptPlan[] = [];
  const communications: CommunicationPlan[] = [];
  let t = input.sentAt;
  let v = 0;
  const vendor = (): VendorSpec => input.vendors[v % input.vendors.length] ?? input.vendors[0]!;
  for (let d = 0; d < input.declines; d++, v++) {
    const steps: MilestoneStep[] = [];
    push(steps, { milestone: 'sent', at: t, status: 'requested', staffRole: input.requesterRole });
    const declinedAt = push(steps, { milestone: 'declined', at: at(t, answerDelay(ctx, input)), status: 'rejected', reason: pick(ctx, DECLINE_REASONS) });
    attempts.push({ vendorId: vendor().id, steps });
    t = at(declinedAt, int(ctx, 3, 25) * MINUTE);
  }
  let start = input.start;
  const booked = bookAttempt(ctx, input, vendor(), t, start, communications);
  attempts.push(booked.attempt);
  const steps = booked.attempt.steps;
  const appt = booked.attempt.appointment!;
  const lastAt = () => steps[steps.length - 1]!.at;
  const before = (frac: number) => new Date(lastAt().getTime() + frac * Math.max(MINUTE, appt.start.getTime() - lastAt().getTime()));

  if (input.outcome === 'rescheduled') {
    start = quarterHour(at(start, int(ctx, 1, 3) * HOUR));
    push(steps, { milestone: 'reschedule-requested', at: before(0.3), status: 'accepted', reason: `Vendor proposed ${iso(start)}: driver availability` });
    push(steps, { milestone: 'booked', at: before(0.2), status: 'accepted' });
    appt.start = start; appt.end = at(start, DURATION_MIN[input.service] * MINUTE); appt.eta = input.service === 'transport' ? start : undefined;
  }
  switch (input.outcome) {
    case 'cancelled-by-facility':
    case 'cancelled-by-patient': {
      const reason = pick(ctx, input.outcome === 'cancelled-by-facility' ? FACILITY_CANCEL : PATIENT_CANCEL);
      push(steps, { milestone: input.outcome, at: before(0.6), status: 'cancelled', staffRole: input.requesterRole, reason });
      appt.status = 'cancelled';
      return { attempts, communications, requestStatus: 'revoked' };
    }
    case 'patient-no-show':
      runUp(ctx, input.service, steps, appt.start);
      push(steps, { milestone: 'patient-no-show', at: at(appt.start, int(ctx, 15, 30) * MINUTE), status: 'failed', reason: 'Patient not ready or not at the pickup location' });
      appt.status = 'noshow';
      return { attempts, communications, requestStatus: 'revoked' };
    case 'cancelled-by-vendor':
    case 'vendor-no-show': {
      const failedAt = input.outcome === 'vendor-no-show'
        ? push(steps, { milestone: 'vendor-no-show', at: at(appt.start, int(ctx, 45, 90) * MINUTE), status: 'failed', staffRole: input.requesterRole, reason: 'Vendor did not arrive; dispatcher unreachable' })
        : push(steps, { milestone: 'cancelled-by-vendor', at: before(0.7), status: 'failed', reason: 'Vehicle breakdown; cannot cover this trip' });
      appt.status = input.outcome === 'vendor-no-show' ? 'noshow' : 'cancelled';
      v++;
      const redo = bookAttempt(ctx, input, vendor(), at(failedAt, int(ctx, 5, 20) * MINUTE), quarterHour(at(failedAt, int(ctx, 90, 180) * MINUTE)), communications);
      attempts.push(redo.attempt);
      complete(ctx, input.service, redo.attempt, false);
      return { attempts, communications, requestStatus: 'completed' };
    }
    default:
      complete(ctx, input.service, booked.attempt, input.outcome === 'late');
      return { attempts, communications, requestStatus: 'completed' };
  }
}

function bookAttempt(ctx: SeedContext, input: TimelineInput, vendor: VendorSpec, sentAt: Date, start: Date, comms: CommunicationPlan[]) {
  const steps: MilestoneStep[] = [];
  push(steps, { milestone: 'sent', at: sentAt, status: 'requested', staffRole: input.requesterRole });
  const delay = answerDelay(ctx, input);
  const acceptedAt = push(steps, { milestone: 'accepted', at: at(sentAt, delay), status: 'accepted' });
  const bookedAt = push(steps, { milestone: 'booked', at: at(acceptedAt, int(ctx, 2, 30) * MINUTE), status: 'accepted' });
  // A vendor answering late pushes the first feasible time out; nobody books a pickup in the past.
  const feasible = start.getTime() < at(bookedAt, 30 * MINUTE).getTime() ? quarterHour(at(bookedAt, 45 * MINUTE)) : start;
  const appt = appointment(ctx, vendor, input.service, feasible);
  communicate(ctx, input, vendor, sentAt, bookedAt, appt.start, comms);
  return { attempt: { vendorId: vendor.id, steps, appointment: appt } };
}

function communicate(ctx: SeedContext, input: TimelineInput, vendor: VendorSpec, sentAt: Date, bookedAt: Date, start: Date, comms: CommunicationPlan[]): void {
  if (input.service === 'home-health') {
    // 42 CFR 484.55: first contact within 48 h of referral; some agencies miss it.
    const hours = chance(ctx, 0.15) ? int(ctx, 49, 80) : int(ctx, 2, 40);
    comms.push({ at: at(sentAt, hours * HOUR), vendorId: vendor.id, text: `${vendor.name} called to schedule the start-of-care visit on ${iso(start)}.` });
  } else if (input.service === 'dme') {
    comms.push({ at: at(bookedAt, int(ctx, 5, 60) * MINUTE), vendorId: vendor.id, text: `${vendor.name} will deliver your equipment between ${iso(start)} and ${iso(at(start, 2 * HOUR))}.` });
  } else if (chance(ctx, 0.9)) {
    const latest = at(start, -20 * MINUTE);
    const when = new Date(Math.min(at(bookedAt, int(ctx, 10, 240) * MINUTE).getTime(), Math.max(latest.getTime(), at(bookedAt, MINUTE).getTime())));
    comms.push({ at: when, staffRole: input.nurseRole, text: `Your ride with ${vendor.name} is booked: pickup at ${iso(start)}.` });
  }
}

function runUp(ctx: SeedContext, service: ServiceType, steps: MilestoneStep[], start: Date): void {
  if (service !== 'transport') return;
  push(steps, { milestone: 'driver-assigned', at: at(start, -int(ctx, 30, 90) * MINUTE), status: 'in-progress' });
  push(steps, { milestone: 'en-route', at: at(start, -int(ctx, 10, 25) * MINUTE), status: 'in-progress' });
}

function complete(ctx: SeedContext, service: ServiceType, attempt: AttemptPlan, late: boolean): void {
  const appt = attempt.appointment!;
  const steps = attempt.steps;
  runUp(ctx, service, steps, appt.start);
  if (service === 'transport') {
    const pickedUp = push(steps, { milestone: 'picked-up', at: at(appt.start, (late ? int(ctx, 20, 75) : int(ctx, -5, 10)) * MINUTE), status: 'in-progress' });
    push(steps, { milestone: 'service-completed', at: at(pickedUp, int(ctx, 20, 55) * MINUTE), status: 'completed' });
  } else if (service === 'home-health') {
    push(steps, { milestone: 'service-completed', at: at(appt.start, int(ctx, 60, 100) * MINUTE), status: 'completed' });
  } else {
    push(steps, { milestone: 'delivered', at: at(appt.start, int(ctx, late ? 130 : -20, late ? 240 : 110) * MINUTE), status: 'completed' });
  }
  appt.status = 'fulfilled';
}

/** Keeps only what has happened by `now`: a current booking is a historical one cut short. */
export function truncateAt(timeline: Timeline, now: Date): Timeline {
  const attempts = timeline.attempts
    .map((a) => ({ ...a, steps: a.steps.filter((s) => s.at.getTime() <= now.getTime()) }))
    .filter((a) => a.steps.length > 0)
    .map((a) => ({ ...a, appointment: a.steps.some((s) => s.milestone === 'booked') && a.appointment ? { ...a.appointment, status: 'booked' as const } : undefined }));
  const communications = timeline.communications.filter((c) => c.at.getTime() <= now.getTime());
  return { attempts, communications, requestStatus: 'active' };
}
