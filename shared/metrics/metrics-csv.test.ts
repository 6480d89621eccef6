import { describe, expect, it } from 'vitest';
import { computeAllMetrics } from './compute-all';
import { fixture, FIXTURE_RANGE } from './fixture';
import { weeklyCsv } from './metrics-csv';

describe('weeklyCsv', () => {
  const report = computeAllMetrics(fixture, FIXTURE_RANGE);
  const lines = weeklyCsv(report).trim().split('\r\n');

  it('has one row per week, slice and metric', () => {
    const slices = report.weekly.weeks.reduce((sum, w) => sum + 1
      + Object.values(report.weekly.byServiceType).filter((s) => s?.[w.key]).length
      + Object.values(report.weekly.byVendor).filter((s) => s[w.key]).length, 0);
    expect(lines).toHaveLength(1 + slices * 11);
  });

  it('writes durations in minutes and empty cells for no data, never NaN', () => {
    const w10 = lines.find((l) => l.startsWith('2025-W10,') && l.includes(',overall,All,orderToTransportConfirmation.median,'));
    // Week 10 transport bookings booked after 60, 180 and 240 minutes: nearest-rank median 180.
    expect(w10?.split(',')[6]).toBe('180.0');
    expect(lines.join('\n')).not.toContain('NaN');
  });
});
