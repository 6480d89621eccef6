import { describe, expect, it } from 'vitest';
import { isValidTimeZone, isoWeek } from './iso-week';

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
