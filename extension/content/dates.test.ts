// Dates as screens print them, read into ISO; values that fail a sense check are not dates.
import { describe, expect, it } from 'vitest';
import { parseScreenDate } from './dates';

const NOW = new Date(2026, 11, 5, 7, 0); // 5 Dec 2026, local

describe('parseScreenDate', () => {
  it.each([
    ['04/02/1947', '1947-04-02'], ['03-02-1944', '1944-02-03'], ['25.12.1950', '1950-12-25'], ['13/01/1990', '1990-01-13'],
    ['Feb 28, 1966', '1966-02-28'], ['7/4/50', '1950-07-04'], ['1951-12-10', '1951-12-10'], ['1951-12-10T00:00:00Z', '1951-12-10'],
  ])('reads the birth date %s as %s', (raw, iso) => expect(parseScreenDate(raw, 'birth', NOW)).toBe(iso));

  it.each([['02/30/1950'], ['13/13/1950'], ['12/24/2030'], ['01/01/1850'], ['yesterday-ish'], ['N-700312']])('refuses %s as a birth date', (raw) => {
    expect(parseScreenDate(raw, 'birth', NOW)).toBeUndefined();
  });

  it.each([
    ['03/20/2025 11:30', '2025-03-20T11:30'], ['3/14/2025 2:00 PM', '2025-03-14T14:00'], ['22-03-2025', '2025-03-22'],
    ['2025-03-18 09:30', '2025-03-18T09:30'], ['Today 14:00', '2026-12-05T14:00'], ['Tomorrow 9 AM', '2026-12-06T09:00'],
    ['14:00', '2026-12-05T14:00'], ['2025-03-21T09:00:00-05:00', '2025-03-21T09:00:00-05:00'],
  ])('reads the discharge time %s as %s', (raw, iso) => expect(parseScreenDate(raw, 'discharge', NOW)).toBe(iso));

  it.each([['03/20/2025 25:10'], ['Today 13:00 PM'], ['01/01/1975'], ['soon']])('refuses %s as a discharge time', (raw) => {
    expect(parseScreenDate(raw, 'discharge', NOW)).toBeUndefined();
  });
});
