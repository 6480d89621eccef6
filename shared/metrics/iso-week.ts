// ISO 8601 weeks (Monday start, week 1 holds the first Thursday) of an instant
// as seen in an IANA time zone. The zone matters: 23:30 on a Sunday in New
// York is already Monday in UTC, i.e. another week.

export interface IsoWeek {
  /** e.g. "2025-W02"; sorts chronologically as a string. */
  key: string;
  /** The Monday that starts the week, local date "YYYY-MM-DD". */
  monday: string;
}

const DAY_MS = 86_400_000;
// Zone offsets only change on quarter-hour boundaries, so one lookup per quarter hour is exact.
const SLOT_MS = 15 * 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const cache = new Map<string, IsoWeek>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (an unknown zone makes Intl throw RangeError). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date, as UTC midnight of that date. */
function localDay(ms: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'));
}

function isoDate(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

export function isoWeekOfDay(dayMs: number): IsoWeek {
  const weekday = (new Date(dayMs).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = dayMs + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { key: `${year}-W${String(week).padStart(2, '0')}`, monday: isoDate(dayMs - weekday * DAY_MS) };
}

export function isoWeek(ms: number, timeZone: string): IsoWeek {
  const slot = `${timeZone}|${Math.floor(ms / SLOT_MS)}`;
  let week = cache.get(slot);
  if (!week) {
    week = isoWeekOfDay(localDay(ms, timeZone));
    if (cache.size > 50_000) cache.clear(); // bound memory in a long-lived app
    cache.set(slot, week);
  }
  return week;
}
