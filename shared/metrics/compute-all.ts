// The one entry point: FHIR arrays in, every coordination metric out, overall,
// per service type, per vendor and per ISO week. Parsing and indexing happen
// once; each booking's facts are derived once; the rest is grouping.
import type { ServiceType } from '../fhir/codes';
import { bookingFacts, type BookingFacts } from './booking-facts';
import type { TaskFacts } from './task-facts';
import { isoWeek, type IsoWeek } from './iso-week';
import { bySampleOrder, type DurationBuilder, type Sample } from './figures';
import { NONE } from './measure';
import { MetricSetBuilder, declined, onTime, type MetricSet, type TaskOutcomes } from './metric-set';
import { resolveOptions, type MetricsOptions, type ResolvedOptions } from './options';
import { parseInput, type MetricsInput, type ParsedInput, type SkippedResource } from './parse-input';
import { buildIndex, type ResourceIndex } from './resource-index';

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

/** Slices (overall, per service type, per vendor) under construction; maps keep first-seen order. */
class SlicesBuilder {
  readonly overall = new MetricSetBuilder();
  readonly byServiceType = new Map<ServiceType, MetricSetBuilder>();
  readonly byVendor = new Map<string, MetricSetBuilder>();
  /** See `route`: the shared set lists of this builder's bookings and attempts. */
  readonly routes = new Map<ServiceType, Map<string | undefined, MetricSetBuilder[]>>();

  serviceType(type: ServiceType): MetricSetBuilder {
    let b = this.byServiceType.get(type);
    if (!b) this.byServiceType.set(type, (b = new MetricSetBuilder()));
    return b;
  }

  vendor(v: string): MetricSetBuilder {
    let b = this.byVendor.get(v);
    if (!b) this.byVendor.set(v, (b = new MetricSetBuilder()));
    return b;
  }

  build(): Slices {
    const byServiceType: Slices['byServiceType'] = {};
    for (const [type, b] of this.byServiceType) byServiceType[type] = b.build();
    const byVendor: Slices['byVendor'] = {};
    for (const [v, b] of this.byVendor) byVendor[v] = b.build();
    return { overall: this.overall.build(), byServiceType, byVendor };
  }
}

/**
 * Duration samples and, at the same position, every set each belongs to
 * (parallel arrays, no wrapper per sample); sorted once, then handed out in order.
 */
class Routed {
  readonly samples: Sample[] = [];
  readonly to: MetricSetBuilder[][] = [];
  push(sample: Sample, to: MetricSetBuilder[]): void {
    this.samples.push(sample);
    this.to.push(to);
  }
}

/**
 * Positions of `samples` in bySampleOrder order (what sorting them with it
 * gives), but the ms part by a native typed-array sort of (ms, position)
 * packed into one exact float; only runs of equal ms are then compared by id.
 * Falls back to the comparator sort when the packing would not be exact.
 */
function sortedOrder(samples: readonly Sample[]): number[] {
  const n = samples.length;
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  const compare = (a: number, b: number): number => bySampleOrder(samples[a] as Sample, samples[b] as Sample);
  let min = Infinity;
  let max = -Infinity;
  for (const s of samples) {
    const ms = s.ms;
    if (!Number.isSafeInteger(ms)) return order.sort(compare);
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  if (n < 2) return order;
  if ((max - min + 1) * n > Number.MAX_SAFE_INTEGER) return order.sort(compare);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i += 1) keys[i] = ((samples[i] as Sample).ms - min) * n + i;
  keys.sort();
  for (let i = 0; i < n; i += 1) order[i] = (keys[i] as number) % n;
  for (let i = 0; i < n;) {
    const ms = (samples[order[i] as number] as Sample).ms;
    let j = i + 1;
    while (j < n && (samples[order[j] as number] as Sample).ms === ms) j += 1;
    if (j - i > 1) {
      const tied = order.slice(i, j).sort(compare);
      for (let k = i; k < j; k += 1) order[k] = tied[k - i] as number;
    }
    i = j;
  }
  return order;
}

function handOut(routed: Routed, figure: (b: MetricSetBuilder) => DurationBuilder): void {
  const { samples, to } = routed;
  const order = sortedOrder(samples);
  for (let k = 0; k < order.length; k += 1) {
    const i = order[k] as number;
    const sample = samples[i] as Sample;
    const sets = to[i] as MetricSetBuilder[];
    for (let bi = 0; bi < sets.length; bi += 1) figure(sets[bi] as MetricSetBuilder).addSample(sample);
  }
}

/**
 * The sets a booking or attempt counts in: overall, its service type and its
 * vendor, for all weeks and its own. One shared array per (week, type, vendor),
 * kept on the week's builder, instead of one per booking and attempt.
 */
function route(
  all: SlicesBuilder, week: SlicesBuilder, type: ServiceType, allType: MetricSetBuilder, weekType: MetricSetBuilder,
  vendor: string | undefined,
): MetricSetBuilder[] {
  let byVendor = week.routes.get(type);
  if (!byVendor) week.routes.set(type, (byVendor = new Map()));
  let sets = byVendor.get(vendor);
  if (!sets) {
    sets = vendor
      ? [all.overall, week.overall, allType, weekType, all.vendor(vendor), week.vendor(vendor)]
      : [all.overall, week.overall, allType, weekType];
    byVendor.set(vendor, sets);
  }
  return sets;
}

/**
 * Every slice, overall and per ISO week, in one pass over the facts: each
 * booking and attempt goes straight to the sets it belongs to (overall, its
 * service type, its vendor; the same within its week). Same result as
 * grouping first and folding each group, without the groups. Duration samples
 * are shared by those sets and sorted once for all of them.
 */
function allSlices(facts: readonly BookingFacts[], opts: ResolvedOptions): { slices: Slices; weekly: WeeklyTrends } {
  const only = opts.filters.vendor;
  const all = new SlicesBuilder();
  const weeks = new Map<string, { week: IsoWeek; slices: SlicesBuilder }>();
  const orderToBooked = new Routed();
  const firstContact = new Routed();
  const responseTime = new Routed();
  const outcomes: TaskOutcomes = { declined: NONE, onTime: NONE }; // reused: addTask reads it, keeps nothing
  // Index loops: this runs once per call, largely before it is optimised, and for-of would allocate iterator results.
  for (let fi = 0; fi < facts.length; fi += 1) {
    const f = facts[fi] as BookingFacts;
    const week = isoWeek(f.anchor ?? 0, opts.timeZone);
    let inWeek = weeks.get(week.key);
    if (!inWeek) weeks.set(week.key, (inWeek = { week, slices: new SlicesBuilder() }));
    const w = inWeek.slices;
    const allType = all.serviceType(f.serviceType);
    const weekType = w.serviceType(f.serviceType);
    for (let vi = 0; vi < f.vendors.length; vi += 1) {
      const v = f.vendors[vi] as string;
      if (only && v !== only) continue;
      all.vendor(v);
      w.vendor(v);
    }
    const bookingSets = !only || f.vendor === only ? route(all, w, f.serviceType, allType, weekType, f.vendor) : undefined;
    if (bookingSets) {
      for (let bi = 0; bi < bookingSets.length; bi += 1) (bookingSets[bi] as MetricSetBuilder).addBooking(f);
      if (f.orderToBooked.kind === 'value') orderToBooked.push({ id: f.id, ms: f.orderToBooked.ms }, bookingSets);
      if (f.firstContact.kind === 'value') firstContact.push({ id: f.id, ms: f.firstContact.ms }, bookingSets);
    }
    for (let ti = 0; ti < f.tasks.length; ti += 1) {
      const t = f.tasks[ti] as TaskFacts;
      if (only && t.vendor !== only) continue;
      const sets = bookingSets && t.vendor === f.vendor ? bookingSets : route(all, w, f.serviceType, allType, weekType, t.vendor);
      outcomes.declined = declined(t);
      outcomes.onTime = onTime(t, opts.aggregate);
      for (let bi = 0; bi < sets.length; bi += 1) (sets[bi] as MetricSetBuilder).addTask(t, outcomes);
      if (t.responseTime.kind === 'value') responseTime.push({ id: t.id, ms: t.responseTime.ms }, sets);
    }
  }
  handOut(orderToBooked, (b) => b.orderToTransportConfirmation);
  handOut(firstContact, (b) => b.firstContactTime);
  handOut(responseTime, (b) => b.vendorResponseTime);

  const weekly: WeeklyTrends = {
    weeks: [...weeks.values()].map((w) => w.week).sort((a, b) => (a.key < b.key ? -1 : 1)),
    overall: {}, byServiceType: {}, byVendor: {},
  };
  for (const [key, { slices }] of weeks) {
    const s = slices.build();
    weekly.overall[key] = s.overall;
    for (const [type, set] of Object.entries(s.byServiceType) as [ServiceType, MetricSet][]) (weekly.byServiceType[type] ??= {})[key] = set;
    for (const [v, set] of Object.entries(s.byVendor)) (weekly.byVendor[v] ??= {})[key] = set;
  }
  return { slices: all.build(), weekly };
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
  const { slices, weekly } = allSlices(selected, opts);
  return {
    range: { from: new Date(opts.from).toISOString(), to: new Date(opts.to).toISOString(), timeZone: opts.timeZone },
    bookings: selected.length,
    ...slices,
    weekly,
    vendorNames: Object.fromEntries(extra.vendorNames),
    skipped: summarizeSkipped(skipped),
    ignored: extra.ignored,
  };
}

/** Parsed and joined input: what stays the same while only the options (range, filters, zone) change. */
export interface PreparedInput { parsed: ParsedInput; index: ResourceIndex }

/** Parse and index once; computeAllMetrics then takes it for every filter change (the index is read, never changed). */
export function prepareMetricsInput(input: MetricsInput): PreparedInput {
  const parsed = parseInput(input);
  return { parsed, index: buildIndex(parsed) };
}

const isPrepared = (input: MetricsInput | PreparedInput): input is PreparedInput => 'index' in input && 'parsed' in input;

export function computeAllMetrics(input: MetricsInput | PreparedInput, options: MetricsOptions): MetricsReport {
  const opts = resolveOptions(options);
  const { parsed, index } = isPrepared(input) ? input : prepareMetricsInput(input);
  const facts = index.requests.map((r) => bookingFacts(index, r, opts.facts));
  return reportFromFacts(facts, opts, {
    skipped: [...parsed.skipped, ...index.skipped], ignored: parsed.ignored, vendorNames: parsed.vendorNames,
  });
}
