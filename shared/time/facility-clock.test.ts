import { afterEach, describe, expect, it } from 'vitest';
import { facilityTimeZone, formatDateTime, formatTime, fromZoneInput, setFacilityTimeZone, toZoneInput, zoneAbbreviation } from './facility-clock';

const NY = { timeZone: 'America/New_York' };

describe('facility clock', () => {
  afterEach(() => setFacilityTimeZone(undefined));

  it('formats an instant on the facility wall clock, in one format, whatever the machine zone', () => {
    expect(formatDateTime('2026-12-05T23:00:00Z', NY)).toBe('Sat, Dec 5, 18:00');
    expect(formatTime('2026-12-05T23:00:00Z', NY)).toBe('18:00');
    setFacilityTimeZone('America/New_York');
    expect(facilityTimeZone()).toBe('America/New_York');
    expect(formatDateTime('2026-12-05T23:00:00Z')).toBe('Sat, Dec 5, 18:00');
    expect(formatDateTime('2026-12-05T23:00:07Z', { seconds: true })).toBe('Sat, Dec 5, 18:00:07');
    expect(zoneAbbreviation('2026-12-05T23:00:00Z')).toBe('EST');
  });

  it('never prints midnight as 24:00', () => {
    expect(formatTime('2026-12-06T05:00:00Z', NY)).toBe('00:00');
    expect(formatDateTime('2026-12-06T05:30:00Z', NY)).toBe('Sun, Dec 6, 00:30');
  });

  it('shows "—" for no time and the raw text for an unreadable one', () => {
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
  });

  it('round-trips datetime-local values on the facility wall clock', () => {
    expect(toZoneInput('2026-12-05T23:00:00Z', NY)).toBe('2026-12-05T18:00');
    expect(fromZoneInput('2026-12-05T18:00', NY)).toBe('2026-12-05T23:00:00.000Z');
    expect(fromZoneInput('2026-07-04T09:15', NY)).toBe('2026-07-04T13:15:00.000Z'); // EDT
    expect(fromZoneInput('', NY)).toBeUndefined();
    expect(fromZoneInput('tomorrow', NY)).toBeUndefined();
  });

  it('handles the daylight-saving days: skipped hour forward, repeated hour first', () => {
    expect(fromZoneInput('2026-03-08T02:30', NY)).toBe('2026-03-08T07:30:00.000Z'); // 02:30 does not exist: 03:30 EDT
    expect(fromZoneInput('2026-11-01T01:30', NY)).toBe('2026-11-01T05:30:00.000Z'); // first 01:30 (EDT)
    expect(toZoneInput('2026-11-01T06:30:00Z', NY)).toBe('2026-11-01T01:30'); // the second one (EST)
  });

  it('ignores an unknown zone (falls back to the browser zone)', () => {
    setFacilityTimeZone('Mars/Olympus');
    expect(facilityTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
