// Reference, time and coding helpers for metrics. Local (not shared/fhir/refs.ts)
// because metrics join resources by reference and must treat "Task/1",
// "https://host/fhir/Task/1" and "Task/1/_history/3" as the same key.

/** "Type/id" for any relative, absolute or versioned reference; undefined for contained ("#x") or bad ones. */
export function normalizeRef(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const slash = reference.indexOf('/');
  // Fast path, and the common case: already "Type/id". Allocates nothing.
  if (slash > 0 && slash < reference.length - 1 && reference.indexOf('/', slash + 1) < 0) return reference;
  const cut = reference.indexOf('/_history/');
  const parts = (cut >= 0 ? reference.slice(0, cut) : reference).split('/');
  if (parts.length < 2) return undefined;
  const type = parts[parts.length - 2];
  const id = parts[parts.length - 1];
  return type && id ? `${type}/${id}` : undefined;
}

export function refOf(ref: { reference?: string } | undefined): string | undefined {
  return normalizeRef(ref?.reference);
}

/** The normalised references, appended to `out` if given. */
export function refsOf(refs: readonly { reference?: string }[] | undefined, out: string[] = []): string[] {
  if (refs) {
    for (let i = 0; i < refs.length; i += 1) {
      const n = refOf(refs[i]);
      if (n) out.push(n);
    }
  }
  return out;
}

const startsWithType = (ref: string, type: string): boolean => ref.charCodeAt(type.length) === 47 && ref.startsWith(type);

/** True when `ref` is "Type/..." for `type` (or `other`). */
export function isRefTo(ref: string | undefined, type: string, other?: string): boolean {
  if (!ref) return false;
  return startsWithType(ref, type) || (other !== undefined && startsWithType(ref, other));
}

/** Epoch ms of a FHIR instant/dateTime, or undefined when absent or unparseable (never NaN). */
export function toMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const fast = parseInstant(value);
  if (fast !== undefined) return fast;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const DAY_MS = 86_400_000;

/** Two ASCII digits at i as a number, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * The common FHIR instant shape, "YYYY-MM-DDThh:mm:ss[.sss](Z|±hh:mm)", parsed by
 * hand (Date.parse is a large share of parsing 80k resources). Anything else,
 * and any field out of range (02-30, hour 24, ...), returns
 * undefined so the caller falls back to Date.parse: same result either way.
 */
export function parseInstant(s: string): number | undefined {
  const len = s.length;
  if (len < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84
    || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const century = two(s, 0);
  const yy = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
    || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const year = century * 100 + yy;
  if (day > 28 && day > daysInMonth(year, month)) return undefined; // engines differ on 02-30: leave it to Date.parse
  let i = 19;
  let millis = 0;
  if (s.charCodeAt(i) === 46) {
    const hi = two(s, 20);
    const lo = s.charCodeAt(22) - 48;
    if (hi < 0 || lo < 0 || lo > 9) return undefined;
    millis = hi * 10 + lo;
    i = 23;
  }
  let offsetMin: number;
  const zone = s.charCodeAt(i);
  if (zone === 90 && len === i + 1) offsetMin = 0; // Z
  else if ((zone === 43 || zone === 45) && len === i + 6 && s.charCodeAt(i + 3) === 58) {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return undefined;
    offsetMin = (zone === 43 ? 1 : -1) * (oh * 60 + om);
  } else return undefined;
  const days = daysFromCivil(year, month, day);
  return days * DAY_MS + ((hour * 60 + minute - offsetMin) * 60 + second) * 1000 + millis;
}

type Concept = { coding?: { system?: string; code?: string }[] } | undefined;

// Plain loops: these run several times per resource.
export function codeIn(concept: Concept, system: string): string | undefined {
  const coding = concept?.coding;
  if (coding) for (const c of coding) if (c.system === system) return c.code;
  return undefined;
}

export function hasCoding(concept: Concept, system: string, code: string): boolean {
  const coding = concept?.coding;
  if (coding) for (const c of coding) if (c.system === system && c.code === code) return true;
  return false;
}
