// The figures by week as CSV, for a team that wants them in a spreadsheet: one
// row per week × slice × metric. Durations in minutes, rates as a 0–1 share, so
// a spreadsheet can chart them without parsing "2 h 5 min".
import type { MetricsReport } from './compute-all';
import type { MetricSet } from './metric-set';
import { REVIEW_ITEMS } from './weekly-review';

export const SERVICE_LABELS: Record<string, string> = { transport: 'Transport', 'home-health': 'Home health', dme: 'Equipment (DME)' };

/** Durations are the keys with a statistic suffix (".median", ".p90"); the rest are shares. */
export const isDurationKey = (key: string): boolean => key.includes('.');

function cell(value: string | number): string {
  // A text starting with = + - @ (or a tab / CR) would run as a formula in a spreadsheet: keep it text.
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function rows(week: string, monday: string, kind: string, slice: string, set: MetricSet): string[] {
  return REVIEW_ITEMS.map((item) => {
    const { value, n } = item.read(set);
    const shown = value === null ? '' : isDurationKey(item.key) ? (value / 60_000).toFixed(1) : value.toFixed(4);
    const unit = isDurationKey(item.key) ? 'minutes' : 'share';
    return [week, monday, kind, slice, item.key, item.label, shown, unit, n].map(cell).join(',');
  });
}

export function weeklyCsv(report: MetricsReport): string {
  const out = ['week,monday,slice_kind,slice,metric,label,value,unit,n'];
  for (const week of report.weekly.weeks) {
    const overall = report.weekly.overall[week.key];
    if (overall) out.push(...rows(week.key, week.monday, 'overall', 'All', overall));
    for (const [type, byWeek] of Object.entries(report.weekly.byServiceType)) {
      const set = byWeek?.[week.key];
      if (set) out.push(...rows(week.key, week.monday, 'service type', SERVICE_LABELS[type] ?? type, set));
    }
    for (const [vendor, byWeek] of Object.entries(report.weekly.byVendor)) {
      const set = byWeek[week.key];
      if (set) out.push(...rows(week.key, week.monday, 'vendor', report.vendorNames[vendor] ?? vendor, set));
    }
  }
  return `${out.join('\r\n')}\r\n`;
}

/** One booking (or attempt) behind a figure, as the drill-down shows it. */
export interface DrillCsvRow {
  id: string;
  booking: string;
  patient: string;
  service?: string;
  vendor?: string;
  requestedAt?: number;
  state?: string;
  /** For a duration figure: this row's value. */
  valueMs?: number;
}

/** The drill-down's rows as CSV: times on the facility's clock (YYYY-MM-DD HH:mm) with the zone named. */
export function drillCsv(rows: readonly DrillCsvRow[], timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const stamp = (ms: number) => local.format(ms).replace(', ', ' ');
  const out = ['patient,service,vendor,requested_local,time_zone,state,value_minutes,booking,counted_id'];
  for (const r of rows) {
    out.push([
      r.patient, SERVICE_LABELS[r.service ?? ''] ?? r.service ?? '', r.vendor ?? '', r.requestedAt === undefined ? '' : stamp(r.requestedAt), timeZone,
      r.state ?? '', r.valueMs === undefined ? '' : (r.valueMs / 60_000).toFixed(1), r.booking, r.id,
    ].map(cell).join(','));
  }
  return `${out.join('\r\n')}\r\n`;
}
