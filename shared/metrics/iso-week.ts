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

function slotWeek(ms: number, timeZone: string): IsoWeek {
  const slot = `${timeZone}|${Math.floor(ms / SLOT_MS)}`;
  let week = cache.get(slot);
  if (!week) {
    week = isoWeekOfDay(localDay(ms, timeZone));
    if (cache.size > 50_000) cache.clear(); // bound memory in a long-lived app
    cache.set(slot, week);
  }
  return week;
}

// The fast path: a zone's UTC offset is the same all through almost every UTC
// day, so it is looked up twice per UTC day (start and end) instead of once per
// quarter hour; on a day when it changes, the quarter-hour lookup above decides.
// Weeks are cached per local day. Only for 1900-2199, where Intl and Date.UTC
// agree on years; other instants take the quarter-hour path too.
const FAST_FROM = Date.UTC(1900, 0, 2);
const FAST_TO = Date.UTC(2199, 11, 30);
interface ZoneCache {
  clock: Intl.DateTimeFormat;
  /** UTC day → the offset (ms) all through it, or null when it changes that day. */
  offsets: Map<number, number | null>;
  /** Local day → its week. */
  weeks: Map<number, IsoWeek>;
}
const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let z = zones.get(timeZone);
  if (!z) {
    const clock = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zones.set(timeZone, (z = { clock, offsets: new Map(), weeks: new Map() }));
  }
  return z;
}

/** Local wall clock minus UTC at `ms` (whole seconds, as zones are). */
function offsetAt(clock: Intl.DateTimeFormat, ms: number): number {
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  for (const p of clock.formatToParts(ms)) {
    const v = Number(p.value);
    if (p.type === 'year') y = v;
    else if (p.type === 'month') mo = v;
    else if (p.type === 'day') d = v;
    else if (p.type === 'hour') h = v;
    else if (p.type === 'minute') mi = v;
    else if (p.type === 'second') sec = v;
  }
  return Date.UTC(y, mo - 1, d, h, mi, sec) - Math.floor(ms / 1000) * 1000;
}

function dayOffset(z: ZoneCache, utcDay: number): number | null {
  let offset = z.offsets.get(utcDay);
  if (offset === undefined) {
    const start = offsetAt(z.clock, utcDay * DAY_MS);
    offset = start === offsetAt(z.clock, utcDay * DAY_MS + DAY_MS - 1000) ? start : null;
    if (z.offsets.size > 50_000) z.offsets.clear();
    z.offsets.set(utcDay, offset);
  }
  return offset;
}

export function isoWeek(ms: number, timeZone: string): IsoWeek {
  if (!(ms >= FAST_FROM && ms < FAST_TO)) return slotWeek(ms, timeZone);
  const z = zoneCache(timeZone);
  const offset = dayOffset(z, Math.floor(ms / DAY_MS));
  if (offset === null) return slotWeek(ms, timeZone);
  const day = Math.floor((ms + offset) / DAY_MS);
  let week = z.weeks.get(day);
  if (!week) {
    week = isoWeekOfDay(day * DAY_MS);
    if (z.weeks.size > 50_000) z.weeks.clear();
    z.weeks.set(day, week);
  }
  return week;
}

/**
 * The instant a local calendar date ("YYYY-MM-DD") begins in `timeZone`, or
 * undefined for a malformed date. On a day whose midnight falls in a
 * daylight-saving gap, the first instant that exists that day.
 */
export function startOfLocalDay(date: string, timeZone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(wall) || new Date(wall).toISOString().slice(0, 10) !== date) return undefined;
  const { clock } = zoneCache(timeZone);
  const localAt = (t: number) => t + offsetAt(clock, t);
  // Usual case: the offset at the guess gives an instant whose wall clock reads midnight.
  const t = wall - offsetAt(clock, wall - offsetAt(clock, wall));
  if (localAt(t) === wall) return t;
  // A gap: the first second whose wall clock is on or after that midnight (offsets lie within ±15 h).
  let lo = wall - 15 * 3_600_000;
  let hi = wall + 15 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (localAt(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}
