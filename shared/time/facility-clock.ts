// One clock for people: every time CareRelay shows or takes in is the facility's wall
// time (the deployment's `timeZone`; the browser's only when none is configured), in one
// format: "Fri, Dec 5, 18:00" (24-hour, never "24:00"), seconds only where asked for.
// The shells set the zone once at start (setFacilityTimeZone); formatters read it.

let configured: string | undefined;

const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Whether `zone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Sets the facility's zone (undefined or unknown: the browser's). */
export function setFacilityTimeZone(zone: string | undefined): void {
  configured = zone && isKnownTimeZone(zone) ? zone : undefined;
}

export function facilityTimeZone(): string {
  return configured ?? browserZone();
}

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(zone: string, kind: 'dateTime' | 'dateTimeSeconds' | 'time' | 'timeSeconds' | 'date' | 'parts' | 'zoneName'): Intl.DateTimeFormat {
  const key = `${zone}|${kind}`;
  let f = cache.get(key);
  if (!f) {
    // hourCycle h23 (not hour12: false, which prints midnight as "24:00" in Chromium).
    const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    const day = { weekday: 'short', month: 'short', day: 'numeric' } as const;
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      dateTime: { ...day, ...clock },
      dateTimeSeconds: { ...day, ...clock, second: '2-digit' },
      time: clock,
      timeSeconds: { ...clock, second: '2-digit' },
      date: day,
      parts: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
      zoneName: { timeZoneName: 'short' },
    };
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, ...options[kind] });
    cache.set(key, f);
  }
  return f;
}

function parse(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

export interface ClockOptions {
  /** Another zone than the facility's (the sandbox EHR names its own). */
  timeZone?: string;
  seconds?: boolean;
}

/** "Fri, Dec 5, 18:00" in the facility's zone; "—" when there is no time. */
export function formatDateTime(iso: string | undefined, o: ClockOptions = {}): string {
  const t = parse(iso);
  if (t === undefined) return iso || '—';
  return fmt(o.timeZone ?? facilityTimeZone(), o.seconds ? 'dateTimeSeconds' : 'dateTime').format(t);
}

/** "18:00" (or "18:00:07") in the facility's zone. */
export function formatTime(iso: string | undefined, o: ClockOptions = {}): string {
  const t = parse(iso);
  if (t === undefined) return iso || '—';
  return fmt(o.timeZone ?? facilityTimeZone(), o.seconds ? 'timeSeconds' : 'time').format(t);
}

/** "Fri, Dec 5" in the facility's zone. */
export function formatDay(iso: string | undefined, o: ClockOptions = {}): string {
  const t = parse(iso);
  if (t === undefined) return iso || '—';
  return fmt(o.timeZone ?? facilityTimeZone(), 'date').format(t);
}

/** "EST" / "EDT": the zone's short name at that instant. */
export function zoneAbbreviation(iso: string | undefined, o: ClockOptions = {}): string {
  const t = parse(iso) ?? Date.now();
  return fmt(o.timeZone ?? facilityTimeZone(), 'zoneName').formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number }

function wallOf(t: number, zone: string): Wall {
  const parts = Object.fromEntries(fmt(zone, 'parts').formatToParts(t).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour) % 24, minute: Number(parts.minute), second: Number(parts.second) };
}

/** The zone's offset from UTC (ms) at instant t. */
function offsetAt(t: number, zone: string): number {
  const w = wallOf(t, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(t / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local value ("2026-12-05T18:00") on the facility's wall clock. */
export function toZoneInput(iso: string | undefined, o: ClockOptions = {}): string {
  const t = parse(iso);
  if (t === undefined) return '';
  const w = wallOf(t, o.timeZone ?? facilityTimeZone());
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The calendar day ("2026-12-05") of an instant on the facility's wall clock. */
export function toZoneDate(iso: string | undefined, o: ClockOptions = {}): string {
  return toZoneInput(iso, o).slice(0, 10);
}

/**
 * A datetime-local value read on the facility's wall clock, as an ISO instant. A time
 * the clocks skip (spring forward) moves forward by the gap; a repeated hour (fall back)
 * means its first occurrence.
 */
export function fromZoneInput(local: string | undefined, o: ClockOptions = {}): string | undefined {
  const m = local?.match(/^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/);
  if (!m) return undefined;
  const zone = o.timeZone ?? facilityTimeZone();
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (Number.isNaN(asUtc)) return undefined;
  const first = asUtc - offsetAt(asUtc, zone);
  const second = asUtc - offsetAt(first, zone);
  // Fall back: both readings are real; take the earlier. Spring forward: neither maps back; take the later.
  const candidates = [first, second].filter((t) => toZoneInput(new Date(t).toISOString(), { timeZone: zone }) === `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}`);
  const t = candidates.length > 0 ? Math.min(...candidates) : Math.max(first, second);
  return new Date(t).toISOString();
}
