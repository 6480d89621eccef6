// Turns two MetricSets (this week, last week) into what a team reviews:
// what got better, what got worse, and the bookings that waited longest.
import type { DurationFigure, RateFigure, Sample } from './figures';
import type { MetricSet } from './metric-set';

type Better = 'lower' | 'higher';
export interface FigureReading {
  value: number | null;
  n: number;
  ids: string[];
  /** Durations: each measured value with its id (what the drill-down shows next to each booking). */
  samples?: Sample[];
}
interface ReviewItem { key: string; label: string; better: Better; read: (m: MetricSet) => FigureReading }

const median = (pick: (m: MetricSet) => DurationFigure) => (m: MetricSet) => {
  const f = pick(m);
  return { value: f.medianMs, n: f.n, ids: f.ids, samples: f.samples };
};
const p90 = (pick: (m: MetricSet) => DurationFigure) => (m: MetricSet) => {
  const f = pick(m);
  return { value: f.p90Ms, n: f.n, ids: f.ids, samples: f.samples };
};
const rate = (pick: (m: MetricSet) => RateFigure) => (m: MetricSet) => {
  const f = pick(m);
  return { value: f.rate, n: f.n, ids: f.ids };
};

export const REVIEW_ITEMS: readonly ReviewItem[] = [
  { key: 'orderToTransportConfirmation.median', label: 'Discharge order to transport booked (median)', better: 'lower', read: median((m) => m.orderToTransportConfirmation) },
  { key: 'orderToTransportConfirmation.p90', label: 'Discharge order to transport booked (90th percentile)', better: 'lower', read: p90((m) => m.orderToTransportConfirmation) },
  { key: 'completionRate', label: 'Referrals completed', better: 'higher', read: rate((m) => m.completionRate) },
  { key: 'rescheduleOrCancelRate', label: 'Attempts rescheduled or cancelled', better: 'lower', read: rate((m) => m.rescheduleOrCancelRate) },
  { key: 'firstContactTime.median', label: 'Time to first vendor contact (median)', better: 'lower', read: median((m) => m.firstContactTime) },
  { key: 'homeHealthContactInTime', label: 'Home health contacted within 48 h', better: 'higher', read: rate((m) => m.homeHealthContactInTime) },
  { key: 'vendorResponseTime.median', label: 'Vendor response time (median)', better: 'lower', read: median((m) => m.vendorResponseTime) },
  { key: 'declineRate', label: 'Vendor declines', better: 'lower', read: rate((m) => m.declineRate) },
  { key: 'onTimeRate', label: 'Pickups on time', better: 'higher', read: rate((m) => m.onTimeRate) },
  { key: 'notifiedInTime', label: 'Patients told in time', better: 'higher', read: rate((m) => m.notifiedInTime) },
  { key: 'patientConfirmed', label: 'Patients confirmed', better: 'higher', read: rate((m) => m.patientConfirmed) },
];

export interface MetricChange {
  key: string;
  label: string;
  previous: number;
  current: number;
  /** current − previous, in the metric's unit (ms or share). */
  delta: number;
  n: { previous: number; current: number };
  /** Ids behind the current figure. */
  ids: string[];
  /** Durations: the current week's values by id. */
  samples?: Sample[];
}

export interface WeeklyReview {
  improved: MetricChange[];
  /** Worse than last week. */
  stalled: MetricChange[];
  unchanged: MetricChange[];
  /** No value in one of the two weeks (n = 0). */
  notComparable: string[];
  /** The bookings with the longest discharge order → transport booked times this week, longest first. */
  worstHandoffs: Sample[];
}

export function weeklyReview(current: MetricSet, previous: MetricSet, options: { worst?: number } = {}): WeeklyReview {
  const review: WeeklyReview = { improved: [], stalled: [], unchanged: [], notComparable: [], worstHandoffs: [] };
  for (const item of REVIEW_ITEMS) {
    const now = item.read(current);
    const before = item.read(previous);
    if (now.value === null || before.value === null) {
      review.notComparable.push(item.key);
      continue;
    }
    const delta = now.value - before.value;
    const change: MetricChange = {
      key: item.key, label: item.label, previous: before.value, current: now.value, delta,
      n: { previous: before.n, current: now.n }, ids: now.ids, ...(now.samples ? { samples: now.samples } : {}),
    };
    const better = item.better === 'lower' ? delta < 0 : delta > 0;
    if (delta === 0) review.unchanged.push(change);
    else (better ? review.improved : review.stalled).push(change);
  }
  const samples = current.orderToTransportConfirmation.samples;
  review.worstHandoffs = samples.slice(Math.max(0, samples.length - (options.worst ?? 5))).reverse();
  return review;
}
