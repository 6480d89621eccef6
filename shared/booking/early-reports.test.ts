import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setFacilityTimeZone } from '../time/facility-clock';
import { earlyReports } from './early-reports';

const PICKUP = '2026-12-07T15:00:00.000Z'; // Mon 10:00 in New York

describe('earlyReports', () => {
  beforeEach(() => setFacilityTimeZone('America/New_York'));
  afterEach(() => setFacilityTimeZone(undefined));

  it('flags a pickup reported 40 minutes before the pickup time, in words and facility time', () => {
    const reports = earlyReports({
      service: 'transport', time: PICKUP, timeIsConfirmed: true,
      timeline: [
        { at: '2026-12-07T14:00:00.000Z', milestone: 'driver-assigned' },
        { at: '2026-12-07T14:20:00.000Z', milestone: 'picked-up' },
        { at: '2026-12-07T15:30:00.000Z', milestone: 'service-completed' },
      ],
    });
    expect(reports.map((r) => r.text)).toEqual(['Vendor reported picked up 40 min before the pickup time (Mon, Dec 7, 10:00): check with the vendor.']);
  });

  it('says hours for a visit completed long before it was due', () => {
    const [r] = earlyReports({ service: 'home-health', time: PICKUP, timeIsConfirmed: true, timeline: [{ at: '2026-12-07T12:50:00.000Z', milestone: 'service-completed' }] });
    expect(r?.text).toBe('Vendor reported completed 2 h 10 min before the visit time (Mon, Dec 7, 10:00): check with the vendor.');
  });

  it('leaves on-time reports, a few minutes of rounding and unconfirmed times alone', () => {
    expect(earlyReports({ service: 'dme', time: PICKUP, timeIsConfirmed: true, timeline: [{ at: '2026-12-07T14:57:00.000Z', milestone: 'delivered' }] })).toEqual([]);
    expect(earlyReports({ service: 'transport', time: PICKUP, timeIsConfirmed: false, timeline: [{ at: '2026-12-07T12:00:00.000Z', milestone: 'picked-up' }] })).toEqual([]);
  });
});
