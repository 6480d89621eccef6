// Quiet hours: no text to a patient at night. A text due then waits until the morning.
export interface QuietHours {
  /** Local hour quiet hours begin (e.g. 21) and end (e.g. 8); start > end spans midnight. */
  start: number;
  end: number;
  timeZone: string;
}

/** "21-8" (QUIET_HOURS), or "off". */
export function parseQuietHours(value: string | undefined, timeZone: string): QuietHours | undefined {
  if (value === 'off') return undefined;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(value ?? '21-8');
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (!m || start > 23 || end > 23 || start === end) throw new Error(`QUIET_HOURS must look like 21-8 (local hours) or off, not ${value}`);
  return { start, end, timeZone };
}

function localHourMinute(at: Date, timeZone: string): { hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  return { hour: Number(parts.find((p) => p.type === 'hour')?.value), minute: Number(parts.find((p) => p.type === 'minute')?.value) };
}

export function isQuiet(at: Date, q: QuietHours | undefined): boolean {
  if (!q) return false;
  const { hour } = localHourMinute(at, q.timeZone);
  return q.start > q.end ? hour >= q.start || hour < q.end : hour >= q.start && hour < q.end;
}

/** When the text may go: now, or the end of these quiet hours (to the minute, in the patient's zone). */
export function sendableAt(now: Date, q: QuietHours | undefined): Date {
  if (!q || !isQuiet(now, q)) return now;
  const { hour, minute } = localHourMinute(now, q.timeZone);
  const hoursLeft = (q.end - hour + 24) % 24;
  return new Date(now.getTime() + (hoursLeft * 60 - minute) * 60_000 - now.getSeconds() * 1000 - now.getMilliseconds());
}
