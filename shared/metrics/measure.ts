// A measured duration, or why there is none. Missing data is never a zero:
// it becomes a skip with a reason that the figures tally beside their n.

export const SKIP_REASONS = [
  'missing-timestamp', 'negative-duration', 'not-booked', 'no-discharge-order', 'no-contact',
  'awaiting-response', 'cancelled-before-response', 'no-appointment', 'no-pickup-time', 'deadline-not-reached',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type Measure =
  | { kind: 'value'; ms: number }
  | { kind: 'skip'; reason: SkipReason }
  /** Not part of this metric's population at all (e.g. a home health booking for a transport metric). */
  | { kind: 'none' };

/** One member of a rate's population: counted (hit), not counted (miss), excluded with a reason, or not a member. */
export type Outcome = { kind: 'hit' } | { kind: 'miss' } | { kind: 'skip'; reason: SkipReason } | { kind: 'none' };
export const HIT: Outcome = { kind: 'hit' };
export const MISS: Outcome = { kind: 'miss' };
export const outcome = (hit: boolean): Outcome => (hit ? HIT : MISS);

export const NONE: Measure & Outcome = { kind: 'none' };
// One frozen object per reason: facts hold many skips, and a shared one costs no allocation.
const SKIPS = new Map<SkipReason, Measure & Outcome>(
  SKIP_REASONS.map((reason) => [reason, Object.freeze({ kind: 'skip', reason } as const)]),
);
export const skip = (reason: SkipReason): Measure & Outcome => SKIPS.get(reason) ?? { kind: 'skip', reason };
export const value = (ms: number): Measure => ({ kind: 'value', ms });

/** end - start, refusing absent times and clocks that run backwards. */
export function span(start: number | undefined, end: number | undefined): Measure {
  if (start === undefined || end === undefined) return skip('missing-timestamp');
  return end < start ? skip('negative-duration') : value(end - start);
}

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
