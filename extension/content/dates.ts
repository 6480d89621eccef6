// Dates as EHR screens print them, read into ISO with sense checks. Slashes are
// month first (US), dashes and dots day first ("25-03-2025"), unless that cannot be
// a date and the other order can. "Today 14:00" / "Tomorrow 9 AM" resolve to local
// dates. A birth date must lie in the past (after 1880); a discharge within
// 1990..2100. Anything else is not a date: the caller drops it.
const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';
const pad = (n: number): string => String(n).padStart(2, '0');

function day(y: number, m: number, d: number): string | undefined {
  const t = new Date(y, m - 1, d);
  if (t.getFullYear() !== y || t.getMonth() !== m - 1 || t.getDate() !== d) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "14:00", "2:00 PM", "0930", "9 am" → "14:00"; "" → "" (no time); undefined when not a time. */
function clock(text: string): string | undefined {
  if (text === '') return '';
  const m = /^(?:at |@ ?)?(\d{1,2})(?::?(\d{2}))?(?::\d{2}(?:\.\d+)?)? ?([ap])?\.? ?m?\.?$/.exec(text);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (m[3]) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (m[3] === 'p' ? 12 : 0);
  } else if (m[2] === undefined) return undefined;
  return h < 24 && min < 60 ? `${pad(h)}:${pad(min)}` : undefined;
}

function calendar(text: string, now: Date): [string | undefined, string] | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(text);
  if (m) return [day(+m[1]!, +m[2]!, +m[3]!), m[4]!];
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])(.*)$/.exec(text);
  if (m) {
    const a = +m[1]!, b = +m[3]!;
    const y = m[4]!.length === 2 ? 2000 + +m[4]! - (2000 + +m[4]! > now.getFullYear() + 1 ? 100 : 0) : +m[4]!;
    const monthFirst = m[2] === '/';
    return [(monthFirst ? day(y, a, b) ?? day(y, b, a) : day(y, b, a) ?? day(y, a, b)), m[5]!];
  }
  m = /^(?:[a-z]{3}[a-z]*,? )?([a-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})(.*)$/.exec(text);
  if (m) return [day(+m[3]!, MONTHS.indexOf(m[1]!) / 3 + 1, +m[2]!), m[4]!];
  m = /^(\d{1,2})[ -]([a-z]{3})[a-z]*\.?[ -](\d{4})(.*)$/.exec(text);
  if (m) return [day(+m[3]!, MONTHS.indexOf(m[2]!) / 3 + 1, +m[1]!), m[4]!];
  m = /^(today|tomorrow|tmrw|tonight|yesterday)\b(.*)$/.exec(text);
  if (m) {
    const shift = m[1] === 'yesterday' ? -1 : m[1]!.startsWith('to') && m[1] !== 'tomorrow' ? 0 : 1;
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + shift);
    return [localDay(d), m[2]!];
  }
  return undefined;
}

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm" (local), an ISO instant as given, or undefined. */
export function parseScreenDate(raw: string, kind: 'birth' | 'discharge', now = new Date()): string | undefined {
  const text = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  // A machine instant (a <time datetime> or ISO with zone) is kept as the page wrote it.
  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})$/.test(text)) {
    return !Number.isNaN(Date.parse(raw)) && kind === 'discharge' ? raw.trim() : day(+text.slice(0, 4), +text.slice(5, 7), +text.slice(8, 10));
  }
  // "Today" / "Tomorrow" describe a discharge, never a birth date.
  if (kind === 'birth' && /^(today|tomorrow|tmrw|tonight|yesterday)\b/.test(text)) return undefined;
  let parsed = calendar(text, now);
  // A bare time ("14:00") on a discharge screen is today's.
  if (!parsed && kind === 'discharge' && clock(text)) parsed = [localDay(now), text];
  if (!parsed?.[0]) return undefined;
  const [date, rest] = parsed;
  const time = clock(rest.replace(/^[ ,t@-]+|\s*(at|@)\s*/g, '').trim());
  const year = +date.slice(0, 4);
  if (kind === 'birth') return year >= 1880 && date <= localDay(now) ? date : undefined;
  if (time === undefined || year < 1990 || year > 2100) return undefined;
  return time ? `${date}T${time}` : date;
}
