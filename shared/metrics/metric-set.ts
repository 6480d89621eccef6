// Folds booking facts into the six coordination metrics (docs/domain.md table).
// Booking-level figures use ServiceRequest/DeviceRequest ids; attempt-level
// figures (reschedule/cancel, vendor response, on time) use Task ids.
import type { BookingFacts } from './booking-facts';
import {
  DurationBuilder, RateBuilder, SharedPopulation, type DurationFigure, type RateFigure, type Sample,
} from './figures';
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

/** The two per-attempt outcomes that depend on options, worked out once per attempt, not once per figure. */
export interface TaskOutcomes { declined: Outcome; onTime: Outcome }

export function declined(t: TaskFacts): Outcome {
  if (t.decision) return outcome(t.decision === 'declined');
  return t.responseTime.kind === 'skip' ? t.responseTime : NONE;
}

export function onTime(t: TaskFacts, opts: AggregateOptions): Outcome {
  const m = t.pickupLateness;
  return m.kind === 'value' ? outcome(m.ms <= opts.onTimeToleranceMs) : m;
}

/**
 * One MetricSet under construction. Duration values come separately, as
 * Samples (`add*Sample`), so a caller filling many sets can share one Sample
 * object among them and add them in sorted order; the rest comes per booking
 * and per attempt, in input order.
 */
export class MetricSetBuilder {
  readonly orderToTransportConfirmation = new DurationBuilder();
  readonly firstContactTime = new DurationBuilder();
  readonly vendorResponseTime = new DurationBuilder();
  private readonly completionRate = new RateBuilder();
  private readonly homeHealthContactInTime = new RateBuilder();
  private readonly declineRate = new RateBuilder();
  private readonly onTimeRate = new RateBuilder();
  private readonly notifiedInTime = new RateBuilder();
  private readonly patientConfirmed = new RateBuilder();
  private readonly attempts = new SharedPopulation();
  private readonly rescheduledOrCancelled: string[] = [];
  private readonly rescheduled: string[] = [];
  private readonly cancelled: string[] = [];
  private readonly cancelledBy: Record<CancelCause, string[]> = { facility: [], patient: [], vendor: [], unspecified: [] };

  /** Booking-level figures, except duration values. */
  addBooking(f: BookingFacts): void {
    this.orderToTransportConfirmation.addSkip(f.id, f.orderToBooked);
    if (f.requested) this.completionRate.add(f.id, outcome(f.completed));
    this.firstContactTime.addSkip(f.id, f.firstContact);
    this.homeHealthContactInTime.add(f.id, f.contactWithinDeadline);
    this.notifiedInTime.add(f.id, f.notifiedInTime);
    this.patientConfirmed.add(f.id, f.patientConfirmed);
  }

  /** Attempt-level figures, except the response time value. */
  addTask(t: TaskFacts, o: TaskOutcomes): void {
    this.attempts.add(t.id);
    if (t.rescheduled || t.cancelledBy) this.rescheduledOrCancelled.push(t.id);
    if (t.rescheduled) this.rescheduled.push(t.id);
    if (t.cancelledBy) {
      this.cancelled.push(t.id);
      this.cancelledBy[t.cancelledBy].push(t.id);
    }
    this.vendorResponseTime.addSkip(t.id, t.responseTime);
    this.declineRate.add(t.id, o.declined);
    this.onTimeRate.add(t.id, o.onTime);
  }

  build(): MetricSet {
    const cancelledBy = {} as Record<CancelCause, RateFigure>;
    for (const c of CANCEL_CAUSES) cancelledBy[c] = this.attempts.rate(this.cancelledBy[c]);
    return {
      orderToTransportConfirmation: this.orderToTransportConfirmation.build(), completionRate: this.completionRate.build(),
      rescheduleOrCancelRate: this.attempts.rate(this.rescheduledOrCancelled), rescheduleRate: this.attempts.rate(this.rescheduled),
      cancellationRate: this.attempts.rate(this.cancelled), cancelledBy,
      firstContactTime: this.firstContactTime.build(), homeHealthContactInTime: this.homeHealthContactInTime.build(),
      vendorResponseTime: this.vendorResponseTime.build(), declineRate: this.declineRate.build(), onTimeRate: this.onTimeRate.build(),
      notifiedInTime: this.notifiedInTime.build(), patientConfirmed: this.patientConfirmed.build(),
    };
  }
}

/** The duration samples of a booking's own figures (undefined: not measured). */
export function bookingSamples(f: BookingFacts): { orderToBooked?: Sample; firstContact?: Sample } {
  return {
    orderToBooked: f.orderToBooked.kind === 'value' ? { id: f.id, ms: f.orderToBooked.ms } : undefined,
    firstContact: f.firstContact.kind === 'value' ? { id: f.id, ms: f.firstContact.ms } : undefined,
  };
}

/**
 * With `vendor`, booking-level figures keep only bookings attributed to that
 * vendor (the one asked last) and attempt-level figures only its own Tasks.
 */
export function computeMetricSet(bookings: readonly BookingFacts[], opts: AggregateOptions, vendor?: string): MetricSet {
  const b = new MetricSetBuilder();
  for (const f of bookings) {
    if (!vendor || f.vendor === vendor) {
      b.addBooking(f);
      const s = bookingSamples(f);
      if (s.orderToBooked) b.orderToTransportConfirmation.addSample(s.orderToBooked);
      if (s.firstContact) b.firstContactTime.addSample(s.firstContact);
    }
    for (const t of f.tasks) {
      if (vendor && t.vendor !== vendor) continue;
      b.addTask(t, { declined: declined(t), onTime: onTime(t, opts) });
      if (t.responseTime.kind === 'value') b.vendorResponseTime.addSample({ id: t.id, ms: t.responseTime.ms });
    }
  }
  return b.build();
}
