import { describe, expect, it } from 'vitest';
import { computeAllMetrics } from './compute-all';
import { fixture, FIXTURE_RANGE } from './fixture';
import { drillCsv, weeklyCsv } from './metrics-csv';

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

describe('drillCsv', () => {
  it('writes each row with local time, zone, minutes, and neutralises formulas and quotes', () => {
    const csv = drillCsv([
      { id: 'Task/T2a', booking: 'ServiceRequest/t2', patient: '=HYPERLINK("x")', service: 'transport', vendor: 'Care, Lift', requestedAt: Date.parse('2025-03-04T09:15:00Z'), state: 'declined', valueMs: 180 * 60_000 },
      { id: 'ServiceRequest/h7', booking: 'ServiceRequest/h7', patient: 'Pat Seven', service: 'home-health' },
    ], 'America/New_York');
    expect(csv.split('\r\n')).toEqual([
      'patient,service,vendor,requested_local,time_zone,state,value_minutes,booking,counted_id',
      `"'=HYPERLINK(""x"")",Transport,"Care, Lift",2025-03-04 04:15,America/New_York,declined,180.0,ServiceRequest/t2,Task/T2a`,
      'Pat Seven,Home health,,,America/New_York,,,ServiceRequest/h7,ServiceRequest/h7',
      '',
    ]);
  });
});
