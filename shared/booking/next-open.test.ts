import { describe, expect, it } from 'vitest';
import { formatInZone, hoursInWords, instantOf, nextOpenTime } from './next-open';

const daily = (start: string, end: string, days?: string[]) => ({ availableTime: [{ ...(days ? { daysOfWeek: days } : {}), availableStartTime: start, availableEndTime: end }] });
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

describe('nextOpenTime', () => {
  it('is the asked-for instant when the vendor is open then', () => {
    expect(nextOpenTime(daily('06:00:00', '22:00:00'), '2026-12-07T10:17:30.000Z')).toBe('2026-12-07T10:17:30.000Z');
  });

  it('late at night: the same vendor opens at 06:00 the next morning', () => {
    // Monday 23:30 UTC → Tuesday 06:00 UTC.
    expect(nextOpenTime(daily('06:00:00', '22:00:00'), '2026-12-07T23:30:00.000Z')).toBe('2026-12-08T06:00:00.000Z');
  });

  it('early in the morning: today at opening time', () => {
    expect(nextOpenTime(daily('07:00:00', '18:00:00'), '2026-12-07T03:10:00.000Z')).toBe('2026-12-07T07:00:00.000Z');
  });

  it('the end time is exclusive: at 22:00 a vendor open until 22:00 is closed', () => {
    expect(nextOpenTime(daily('06:00:00', '22:00:00'), '2026-12-07T22:00:00.000Z')).toBe('2026-12-08T06:00:00.000Z');
  });

  it('skips the days of the week it does not work: Friday evening → Monday morning', () => {
    // 2026-12-11 is a Friday.
    expect(nextOpenTime(daily('07:00:00', '18:00:00', WEEKDAYS), '2026-12-11T19:00:00.000Z')).toBe('2026-12-14T07:00:00.000Z');
    // Saturday noon → Monday.
    expect(nextOpenTime(daily('07:00:00', '18:00:00', WEEKDAYS), '2026-12-12T12:00:00.000Z')).toBe('2026-12-14T07:00:00.000Z');
  });

  it('takes the earliest of several slots, and a later slot the same day', () => {
    const split = { availableTime: [
      { daysOfWeek: ['mon'], availableStartTime: '14:00:00', availableEndTime: '18:00:00' },
      { daysOfWeek: ['mon'], availableStartTime: '08:00:00', availableEndTime: '12:00:00' },
      { daysOfWeek: ['tue'], availableStartTime: '09:00:00', availableEndTime: '10:00:00' },
    ] };
    expect(nextOpenTime(split, '2026-12-07T06:00:00.000Z')).toBe('2026-12-07T08:00:00.000Z');
    expect(nextOpenTime(split, '2026-12-07T12:30:00.000Z')).toBe('2026-12-07T14:00:00.000Z');
    expect(nextOpenTime(split, '2026-12-07T18:30:00.000Z')).toBe('2026-12-08T09:00:00.000Z');
  });

  it('an all-day slot or no hours at all: open any time', () => {
    expect(nextOpenTime({ availableTime: [{ daysOfWeek: ['sat', 'sun'], allDay: true }] }, '2026-12-11T23:30:00.000Z')).toBe('2026-12-12T00:00:00.000Z');
    expect(nextOpenTime({}, '2026-12-11T23:30:00.000Z')).toBe('2026-12-11T23:30:00.000Z');
  });

  it('reads the hours as wall time in the facility zone', () => {
    // 23:30 in New York on Monday Dec 7 is 04:30 UTC Tuesday; the vendor opens 06:00 New York = 11:00 UTC.
    expect(nextOpenTime(daily('06:00:00', '22:00:00'), '2026-12-08T04:30:00.000Z', 'America/New_York')).toBe('2026-12-08T11:00:00.000Z');
    // The same instant read as UTC (04:30) is before 06:00 UTC.
    expect(nextOpenTime(daily('06:00:00', '22:00:00'), '2026-12-08T04:30:00.000Z', 'UTC')).toBe('2026-12-08T06:00:00.000Z');
    // The weekday is the zone's: Friday 20:00 New York is Saturday 01:00 UTC; a weekday vendor opens Monday 07:00 New York.
    expect(nextOpenTime(daily('07:00:00', '18:00:00', WEEKDAYS), '2026-12-12T01:00:00.000Z', 'America/New_York')).toBe('2026-12-14T12:00:00.000Z');
    // East of UTC: 07:00 in Berlin (winter) is 06:00 UTC.
    expect(nextOpenTime(daily('07:00:00', '18:00:00'), '2026-12-07T20:00:00.000Z', 'Europe/Berlin')).toBe('2026-12-08T06:00:00.000Z');
  });

  it('across a DST change the opening is at the new offset', () => {
    // US DST starts Sunday 2027-03-14: Monday 06:00 New York is 10:00 UTC (EDT), Saturday's was 11:00 (EST).
    expect(nextOpenTime(daily('06:00:00', '22:00:00'), '2027-03-14T03:00:00.000Z', 'America/New_York')).toBe('2027-03-14T10:00:00.000Z');
    expect(nextOpenTime(daily('06:00:00', '22:00:00'), '2027-03-13T03:00:00.000Z', 'America/New_York')).toBe('2027-03-13T11:00:00.000Z');
  });

  it('nothing within the horizon: undefined (no made-up time)', () => {
    expect(nextOpenTime(daily('07:00:00', '18:00:00', []), '2026-12-07T20:00:00.000Z')).toBeUndefined();
    expect(nextOpenTime(daily('07:00:00', '18:00:00'), 'not a time')).toBeUndefined();
  });
});

describe('instantOf', () => {
  it('turns a wall time in a gap into the first instant after it', () => {
    // 02:30 on 2027-03-14 does not exist in New York; 03:00 EDT = 07:00 UTC.
    expect(new Date(instantOf({ y: 2027, m: 3, d: 14 }, 150, 'America/New_York')).toISOString()).toBe('2027-03-14T07:00:00.000Z');
  });
});

describe('hoursInWords / formatInZone', () => {
  it('says the hours the way a phone list would', () => {
    expect(hoursInWords(daily('07:00:00', '18:00:00', WEEKDAYS))).toBe('Mon–Fri 07:00–18:00');
    expect(hoursInWords({ availableTime: [{ daysOfWeek: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], allDay: true }] })).toBe('24/7');
    expect(hoursInWords(daily('06:00:00', '22:00:00'))).toBe('every day 06:00–22:00');
  });
  it('formats in the facility zone', () => {
    expect(formatInZone('2026-12-08T11:00:00.000Z', 'America/New_York')).toBe('Tue, Dec 8, 06:00');
  });
});
