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
  const text = String(value);
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
