// Folds booking facts into the six coordination metrics (DOMAIN.md table).
// Booking-level figures use ServiceRequest/DeviceRequest ids; attempt-level
// figures (reschedule/cancel, vendor response, on time) use Task ids.
import type { BookingFacts } from './booking-facts';
import { DurationBuilder, RateBuilder, SharedPopulation, type DurationFigure, type RateFigure } from './figures';
import { NONE, outcome, type Outcome } from './measure';
import { CANCEL_CAUSES, type CancelCause, type TaskFacts } from './task-facts';

export interface MetricSet {
  /** 1. Discharge order → transport booked (transport bookings). */
  orderToTransportConfirmation: DurationFigure;
  /** 2. Requests with a completed attempt / requests ever sent to a vendor. */
  completionRate: RateFigure;
  /** 3. Attempts rescheduled or cancelled / all attempts; and each part. */
  rescheduleOrCancelRate: RateFigure;
  rescheduleRate: RateFigure;
  cancellationRate: RateFigure;
  cancelledBy: Record<CancelCause, RateFigure>;
  /** 4. First vendor contact with the patient − that vendor's Task.authoredOn (home health and DME). */
  firstContactTime: DurationFigure;
  /** 4. Home health bookings contacted within the deadline (48 h by default). */
  homeHealthContactInTime: RateFigure;
  /** 5. Accept or decline − Task.authoredOn; decline share of answers; pickups on time. */
  vendorResponseTime: DurationFigure;
  declineRate: RateFigure;
  onTimeRate: RateFigure;
  /** 6. Booked transport: patient told N hours before pickup; patient confirmed. */
  notifiedInTime: RateFigure;
  patientConfirmed: RateFigure;
}

export interface AggregateOptions { onTimeToleranceMs: number }

function builders() {
  return {
    orderToTransportConfirmation: new DurationBuilder(), completionRate: new RateBuilder(),
    attempts: new SharedPopulation(), rescheduledOrCancelled: [] as string[], rescheduled: [] as string[], cancelled: [] as string[],
    cancelledBy: Object.fromEntries(CANCEL_CAUSES.map((c) => [c, [] as string[]])) as Record<CancelCause, string[]>,
    firstContactTime: new DurationBuilder(), homeHealthContactInTime: new RateBuilder(),
    vendorResponseTime: new DurationBuilder(), declineRate: new RateBuilder(), onTimeRate: new RateBuilder(),
    notifiedInTime: new RateBuilder(), patientConfirmed: new RateBuilder(),
  };
}
type Builders = ReturnType<typeof builders>;

function addBooking(b: Builders, f: BookingFacts): void {
  b.orderToTransportConfirmation.add(f.id, f.orderToBooked);
  if (f.requested) b.completionRate.add(f.id, outcome(f.completed));
  b.firstContactTime.add(f.id, f.firstContact);
  b.homeHealthContactInTime.add(f.id, f.contactWithinDeadline);
  b.notifiedInTime.add(f.id, f.notifiedInTime);
  b.patientConfirmed.add(f.id, f.patientConfirmed);
}

function declined(t: TaskFacts): Outcome {
  if (t.decision) return outcome(t.decision === 'declined');
  return t.responseTime.kind === 'skip' ? t.responseTime : NONE;
}

function onTime(t: TaskFacts, opts: AggregateOptions): Outcome {
  const m = t.pickupLateness;
  return m.kind === 'value' ? outcome(m.ms <= opts.onTimeToleranceMs) : m;
}

function addTask(b: Builders, t: TaskFacts, opts: AggregateOptions): void {
  b.attempts.add(t.id);
  if (t.rescheduled || t.cancelledBy) b.rescheduledOrCancelled.push(t.id);
  if (t.rescheduled) b.rescheduled.push(t.id);
  if (t.cancelledBy) {
    b.cancelled.push(t.id);
    b.cancelledBy[t.cancelledBy].push(t.id);
  }
  b.vendorResponseTime.add(t.id, t.responseTime);
  b.declineRate.add(t.id, declined(t));
  b.onTimeRate.add(t.id, onTime(t, opts));
}

/**
 * With `vendor`, booking-level figures keep only bookings attributed to that
 * vendor (the one asked last) and attempt-level figures only its own Tasks.
 */
export function computeMetricSet(bookings: readonly BookingFacts[], opts: AggregateOptions, vendor?: string): MetricSet {
  const b = builders();
  for (const f of bookings) {
    if (!vendor || f.vendor === vendor) addBooking(b, f);
    for (const t of f.tasks) if (!vendor || t.vendor === vendor) addTask(b, t, opts);
  }
  return {
    orderToTransportConfirmation: b.orderToTransportConfirmation.build(), completionRate: b.completionRate.build(),
    rescheduleOrCancelRate: b.attempts.rate(b.rescheduledOrCancelled), rescheduleRate: b.attempts.rate(b.rescheduled),
    cancellationRate: b.attempts.rate(b.cancelled),
    cancelledBy: Object.fromEntries(CANCEL_CAUSES.map((c) => [c, b.attempts.rate(b.cancelledBy[c])])) as Record<CancelCause, RateFigure>,
    firstContactTime: b.firstContactTime.build(), homeHealthContactInTime: b.homeHealthContactInTime.build(),
    vendorResponseTime: b.vendorResponseTime.build(), declineRate: b.declineRate.build(), onTimeRate: b.onTimeRate.build(),
    notifiedInTime: b.notifiedInTime.build(), patientConfirmed: b.patientConfirmed.build(),
  };
}
