import { describe, expect, it } from 'vitest';
import { computeAllMetrics } from './compute-all';
import { FIXTURE_RANGE, fixture } from './fixture';
import { weeklyReview } from './weekly-review';

const report = computeAllMetrics(fixture, FIXTURE_RANGE);
const w10 = report.weekly.overall['2025-W10'];
const w11 = report.weekly.overall['2025-W11'];

describe('weeklyReview(W11, W10)', () => {
  if (!w10 || !w11) throw new Error('fixture weeks missing');
  const review = weeklyReview(w11, w10);
  const keys = (list: { key: string }[]) => list.map((c) => c.key).sort();

  it('says what improved', () => {
    // completion 1/4 → 3/4; declines 1/4 → 0/5; resched/cancel 2/5 → 1/5; on time 1/2 → 1/1; confirmed 2/3 → 1/1
    expect(keys(review.improved)).toEqual(['completionRate', 'declineRate', 'onTimeRate', 'patientConfirmed', 'rescheduleOrCancelRate']);
    expect(review.improved.find((c) => c.key === 'completionRate')).toMatchObject({ previous: 0.25, current: 0.75, delta: 0.5, n: { previous: 4, current: 4 } });
  });
  it('says what got worse', () => {
    // response median 10 → 20 min; told in time 2/3 → 0/1
    expect(keys(review.stalled)).toEqual(['notifiedInTime', 'vendorResponseTime.median']);
  });
  it('cannot compare what one week has no data for', () => {
    // no transport was booked in W11; nobody was contacted in W10
    expect(review.notComparable.sort()).toEqual([
      'firstContactTime.median', 'homeHealthContactInTime', 'orderToTransportConfirmation.median', 'orderToTransportConfirmation.p90',
    ]);
  });
  it('lists the worst handoffs, longest first', () => {
    expect(weeklyReview(w10, w11, { worst: 2 }).worstHandoffs).toEqual([
      { id: 'ServiceRequest/t4', ms: 240 * 60_000 }, { id: 'ServiceRequest/t2', ms: 180 * 60_000 },
    ]);
    expect(review.worstHandoffs).toEqual([]);
  });
});
