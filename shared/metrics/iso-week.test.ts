import { describe, expect, it } from 'vitest';
import { isValidTimeZone, isoWeek, startOfLocalDay } from './iso-week';

describe('isoWeek', () => {
  it('puts Sunday 23:30 in New York in the week before the same instant in UTC (Monday)', () => {
    const instant = Date.parse('2025-01-06T04:30:00Z'); // Sun 2025-01-05 23:30 EST
    expect(isoWeek(instant, 'America/New_York')).toEqual({ key: '2025-W01', monday: '2024-12-30' });
    expect(isoWeek(instant, 'UTC')).toEqual({ key: '2025-W02', monday: '2025-01-06' });
  });
  it('handles the night daylight saving starts (EDT, UTC-4)', () => {
    const instant = Date.parse('2025-03-10T03:30:00Z'); // Sun 2025-03-09 23:30 EDT
    expect(isoWeek(instant, 'America/New_York').key).toBe('2025-W10');
    expect(isoWeek(instant, 'UTC').key).toBe('2025-W11');
  });
  it('uses the ISO week-year across new year', () => {
    expect(isoWeek(Date.parse('2024-12-30T12:00:00Z'), 'UTC').key).toBe('2025-W01');
    expect(isoWeek(Date.parse('2021-01-03T12:00:00Z'), 'UTC').key).toBe('2020-W53');
    expect(isoWeek(Date.parse('2026-12-31T12:00:00Z'), 'UTC').key).toBe('2026-W53');
  });
  it('knows valid zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight as an instant', () => {
    expect(startOfLocalDay('2025-01-06', 'UTC')).toBe(Date.parse('2025-01-06T00:00:00Z'));
    expect(startOfLocalDay('2025-01-06', 'America/New_York')).toBe(Date.parse('2025-01-06T05:00:00Z'));
    expect(startOfLocalDay('2025-07-01', 'America/New_York')).toBe(Date.parse('2025-07-01T04:00:00Z'));
    expect(startOfLocalDay('2025-01-06', 'Asia/Kolkata')).toBe(Date.parse('2025-01-05T18:30:00Z'));
  });
  it('takes the offset of the day itself on daylight-saving days', () => {
    expect(startOfLocalDay('2025-03-09', 'America/New_York')).toBe(Date.parse('2025-03-09T05:00:00Z')); // EST until 02:00
    expect(startOfLocalDay('2025-03-10', 'America/New_York')).toBe(Date.parse('2025-03-10T04:00:00Z')); // EDT
    expect(startOfLocalDay('2025-11-02', 'America/New_York')).toBe(Date.parse('2025-11-02T04:00:00Z')); // EDT until 02:00
  });
  it('starts a day without a midnight (Havana springs forward at 00:00) at its first instant', () => {
    // 2025-03-09: 00:00 CST (UTC-5) jumps to 01:00 CDT (UTC-4), i.e. the day starts at 05:00Z.
    expect(startOfLocalDay('2025-03-09', 'America/Havana')).toBe(Date.parse('2025-03-09T05:00:00Z'));
  });
  it('refuses malformed and impossible dates', () => {
    expect(startOfLocalDay('2025-02-30', 'UTC')).toBeUndefined();
    expect(startOfLocalDay('2025-1-6', 'UTC')).toBeUndefined();
    expect(startOfLocalDay('', 'UTC')).toBeUndefined();
  });
});
