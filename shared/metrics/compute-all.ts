// The one entry point: FHIR arrays in, every coordination metric out, overall,
// per service type, per vendor and per ISO week. Parsing and indexing happen
// once; each booking's facts are derived once; the rest is grouping.
import type { ServiceType } from '../fhir/codes';
import { bookingFacts, type BookingFacts } from './booking-facts';
import { isoWeek, type IsoWeek } from './iso-week';
import { computeMetricSet, type AggregateOptions, type MetricSet } from './metric-set';
import { resolveOptions, type MetricsOptions, type ResolvedOptions } from './options';
import { parseInput, type MetricsInput, type SkippedResource } from './parse-input';
import { buildIndex } from './resource-index';

export interface Slices {
  overall: MetricSet;
  byServiceType: Partial<Record<ServiceType, MetricSet>>;
  byVendor: Record<string, MetricSet>;
}

export interface WeeklyTrends {
  weeks: IsoWeek[];
  /** Keyed by IsoWeek.key. */
  overall: Record<string, MetricSet>;
  byServiceType: Partial<Record<ServiceType, Record<string, MetricSet>>>;
  byVendor: Record<string, Record<string, MetricSet>>;
}

export interface SkippedSummary {
  total: number;
  byReason: Record<string, number>;
  entries: SkippedResource[];
}

export interface MetricsReport extends Slices {
  range: { from: string; to: string; timeZone: string };
  /** Bookings in range after filters. */
  bookings: number;
  weekly: WeeklyTrends;
  vendorNames: Record<string, string>;
  skipped: SkippedSummary;
  ignored: number;
}

function groupBy<K>(facts: readonly BookingFacts[], keys: (f: BookingFacts) => Iterable<K>): Map<K, BookingFacts[]> {
  const groups = new Map<K, BookingFacts[]>();
  for (const f of facts) {
    for (const k of keys(f)) {
      const g = groups.get(k);
      if (g) g.push(f);
      else groups.set(k, [f]);
    }
  }
  return groups;
}

const vendorsOf = (f: BookingFacts): string[] => f.vendors;

export function slices(facts: readonly BookingFacts[], agg: AggregateOptions, vendor?: string): Slices {
  const byServiceType: Slices['byServiceType'] = {};
  for (const [type, group] of groupBy(facts, (f) => [f.serviceType])) byServiceType[type] = computeMetricSet(group, agg, vendor);
  const byVendor: Slices['byVendor'] = {};
  for (const [v, group] of groupBy(facts, vendorsOf)) {
    if (!vendor || v === vendor) byVendor[v] = computeMetricSet(group, agg, v);
  }
  return { overall: computeMetricSet(facts, agg, vendor), byServiceType, byVendor };
}

function weekly(facts: readonly BookingFacts[], opts: ResolvedOptions): WeeklyTrends {
  const weeks = new Map<string, IsoWeek>();
  const groups = groupBy(facts, (f) => {
    const w = isoWeek(f.anchor ?? 0, opts.timeZone);
    weeks.set(w.key, w);
    return [w.key];
  });
  const trends: WeeklyTrends = { weeks: [...weeks.values()].sort((a, b) => (a.key < b.key ? -1 : 1)), overall: {}, byServiceType: {}, byVendor: {} };
  for (const [key, group] of groups) {
    const s = slices(group, opts.aggregate, opts.filters.vendor);
    trends.overall[key] = s.overall;
    for (const [type, set] of Object.entries(s.byServiceType) as [ServiceType, MetricSet][]) (trends.byServiceType[type] ??= {})[key] = set;
    for (const [v, set] of Object.entries(s.byVendor)) (trends.byVendor[v] ??= {})[key] = set;
  }
  return trends;
}

function inScope(f: BookingFacts, opts: ResolvedOptions): boolean {
  const { filters, unitOf } = opts;
  if (f.anchor === undefined || f.anchor < opts.from || f.anchor >= opts.to) return false;
  if (filters.serviceType && f.serviceType !== filters.serviceType) return false;
  if (filters.unit !== undefined && (!f.encounter || unitOf?.(f.encounter) !== filters.unit)) return false;
  return !filters.vendor || f.vendors.includes(filters.vendor);
}

function summarizeSkipped(entries: SkippedResource[]): SkippedSummary {
  const byReason: Record<string, number> = {};
  for (const e of entries) byReason[e.reason] = (byReason[e.reason] ?? 0) + 1;
  return { total: entries.length, byReason, entries };
}

/** Everything from already-derived facts: lets a caller keep facts and recompute only changed bookings. */
export function reportFromFacts(
  facts: readonly BookingFacts[], opts: ResolvedOptions, extra: { skipped: SkippedResource[]; ignored: number; vendorNames: Map<string, string> },
): MetricsReport {
  const skipped = [...extra.skipped];
  for (const f of facts) {
    if (f.anchor !== undefined) continue;
    const [resourceType = '', id] = f.id.split('/');
    skipped.push({ resourceType, id, reason: 'authoredOn: missing on the request and its Tasks, cannot place it in a date range' });
  }
  const selected = facts.filter((f) => inScope(f, opts));
  return {
    range: { from: new Date(opts.from).toISOString(), to: new Date(opts.to).toISOString(), timeZone: opts.timeZone },
    bookings: selected.length,
    ...slices(selected, opts.aggregate, opts.filters.vendor),
    weekly: weekly(selected, opts),
    vendorNames: Object.fromEntries(extra.vendorNames),
    skipped: summarizeSkipped(skipped),
    ignored: extra.ignored,
  };
}

export function computeAllMetrics(input: MetricsInput, options: MetricsOptions): MetricsReport {
  const opts = resolveOptions(options);
  const parsed = parseInput(input);
  const index = buildIndex(parsed);
  const facts = index.requests.map((r) => bookingFacts(index, r, opts.facts));
  return reportFromFacts(facts, opts, {
    skipped: [...parsed.skipped, ...index.skipped], ignored: parsed.ignored, vendorNames: parsed.vendorNames,
  });
}
