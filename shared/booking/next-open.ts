// When a vendor is next open, from HealthcareService.availableTime read as wall
// time in the facility's zone (deployment `timeZone`). Exact to the minute the
// vendor opens (no scanning), and correct across a DST change: each candidate
// wall time is turned into an instant with the zone's offset at that instant.
import type { THealthcareService } from '../fhir/schemas';
import { facilityTimeZone, formatDateTime } from '../time/facility-clock';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_MINUTES = 24 * 60;

type AvailableTime = NonNullable<THealthcareService['availableTime']>[number];

interface LocalDate { y: number; m: number; d: number }

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at an instant: date, and minutes since local midnight. */
function wallClock(ms: number, timeZone: string): LocalDate & { minute: number; second: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(ms).map((p) => [p.type, p.value]));
  const n = (k: string) => Number(parts[k] ?? 0);
  return { y: n('year'), m: n('month'), d: n('day'), minute: (n('hour') % 24) * 60 + n('minute'), second: n('second') };
}

/** Offset of the zone from UTC at an instant, in ms (New York in winter: -5 h). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, 0, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a wall time happens in the zone (in a DST gap: the first instant after it). */
export function instantOf(date: LocalDate, minute: number, timeZone: string): number {
  const guess = Date.UTC(date.y, date.m - 1, date.d, 0, minute);
  const t1 = guess - offsetAt(guess, timeZone);
  const t2 = guess - offsetAt(t1, timeZone);
  if (t1 === t2) return t1;
  // Near a DST change: the candidate whose wall clock shows the asked minute; in a gap neither does, take the later.
  for (const t of [Math.min(t1, t2), Math.max(t1, t2)]) {
    const w = wallClock(t, timeZone);
    if (w.y === date.y && w.m === date.m && w.d === date.d && w.minute === minute) return t;
  }
  // In a gap (the clocks jump past it): the instant they jump, found by halving to the minute.
  let [lo, hi] = [Math.min(t1, t2), Math.max(t1, t2)];
  const after = offsetAt(hi, timeZone);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetAt(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

function addDays(date: LocalDate, days: number): LocalDate & { weekday: (typeof DAYS)[number] } {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), weekday: DAYS[t.getUTCDay()] ?? 'sun' };
}

function minutesOf(hhmmss: string | undefined, fallback: number): number {
  if (!hhmmss) return fallback;
  const [h, m] = hhmmss.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function window(slot: AvailableTime): [number, number] {
  return slot.allDay ? [0, DAY_MINUTES] : [minutesOf(slot.availableStartTime, 0), minutesOf(slot.availableEndTime, DAY_MINUTES)];
}

/**
 * The first instant at or after `fromIso` the vendor is open, as ISO; the same
 * instant when it is open then (or lists no hours: open any time); undefined
 * when it is closed for the whole next `horizonDays` days.
 */
export function nextOpenTime(hs: Pick<THealthcareService, 'availableTime'>, fromIso: string, timeZone = facilityTimeZone(), horizonDays = 8): string | undefined {
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return undefined;
  const slots = hs.availableTime ?? [];
  if (slots.length === 0) return new Date(from).toISOString();
  const now = wallClock(from, timeZone);
  for (let i = 0; i <= horizonDays; i++) {
    const day = addDays(now, i);
    let best: number | undefined;
    for (const slot of slots) {
      if (slot.daysOfWeek && !(slot.daysOfWeek as string[]).includes(day.weekday)) continue;
      const [start, end] = window(slot);
      if (i === 0) {
        if (now.minute >= end) continue;
        // Open now: the asked-for instant itself (seconds and all).
        if (now.minute >= start) return new Date(from).toISOString();
      }
      if (best === undefined || start < best) best = start;
    }
    if (best !== undefined) {
      const at = instantOf(day, best, timeZone);
      if (at >= from) return new Date(at).toISOString();
    }
  }
  return undefined;
}

/** Opening hours in words, for the phone list: "Mon–Fri 07:00–18:00", "24/7". */
export function hoursInWords(hs: Pick<THealthcareService, 'availableTime'>): string {
  const slots = hs.availableTime ?? [];
  if (slots.length === 0) return 'hours not listed';
  return slots.map((slot) => {
    const days = slot.daysOfWeek?.length ? daysInWords(slot.daysOfWeek) : 'every day';
    const [start, end] = window(slot);
    if (start === 0 && end === DAY_MINUTES) return days === 'every day' ? '24/7' : `${days} all day`;
    return `${days} ${hhmm(start)}–${hhmm(end)}`;
  }).join('; ');
}

function daysInWords(days: string[]): string {
  const idx = DAYS.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 7) return 'every day';
  const name = (i: number) => DAYS[i]!.charAt(0).toUpperCase() + DAYS[i]!.slice(1);
  const consecutive = idx.every((v, k) => k === 0 || v === idx[k - 1]! + 1);
  return consecutive && idx.length > 2 ? `${name(idx[0]!)}–${name(idx.at(-1)!)}` : idx.map(name).join(', ');
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** A time in the facility's zone (the browser's when none is given), in words: "Sat, Dec 5, 06:00". */
export function formatInZone(iso: string, timeZone?: string): string {
  // The one format people read (never "24:00"), in the facility's zone unless another is named.
  return formatDateTime(iso, { timeZone });
}
