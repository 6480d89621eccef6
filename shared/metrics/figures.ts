// The two kinds of figure every metric reports, and their builders. A figure
// always carries n and the ids behind it, and never a NaN: with n = 0 its
// values are null.
import type { Measure, Outcome, SkipReason } from './measure';

/** Ids excluded from a figure, by reason. */
export type SkipTally = Partial<Record<SkipReason, string[]>>;
export interface Sample { id: string; ms: number }

export interface DurationFigure {
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Every measured value with its id, ascending by ms. */
  samples: Sample[];
  ids: string[];
  skipped: SkipTally;
}

export interface RateFigure {
  /** Size of the population (the denominator). */
  n: number;
  /** Members counted (the numerator). */
  count: number;
  rate: number | null;
  /** The counted members. */
  ids: string[];
  /** The whole population. */
  populationIds: string[];
  skipped: SkipTally;
}

/**
 * Nearest-rank percentile: the value at 1-based rank ceil(p/100 * n) of the
 * ascending list (rank 1 for p = 0). It is always an observed value, so the
 * median and p90 can be drilled into as a real booking. For even n the
 * nearest-rank median is the lower of the two middle values.
 */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  return sorted.length === 0 ? null : sorted[rank(sorted.length, p) - 1] ?? null;
}

const rank = (n: number, p: number): number => Math.min(n, Math.max(1, Math.ceil((p * n) / 100)));

function tally(skipped: SkipTally, reason: SkipReason, id: string): void {
  (skipped[reason] ??= []).push(id);
}

/** Ascending by ms, then id: the order of DurationFigure.samples. */
export const bySampleOrder = (a: Sample, b: Sample): number => a.ms - b.ms || (a.id < b.id ? -1 : 1);

/** True when Array#sort with bySampleOrder would find one ascending run (compare(next, prev) >= 0 throughout). */
function inSampleOrder(samples: readonly Sample[]): boolean {
  for (let i = 1; i < samples.length; i += 1) if (bySampleOrder(samples[i] as Sample, samples[i - 1] as Sample) < 0) return false;
  return true;
}

/** nearestRank over samples' ms, without copying them out. */
function rankedMs(sorted: readonly Sample[], p: number): number | null {
  return sorted.length === 0 ? null : sorted[rank(sorted.length, p) - 1]?.ms ?? null;
}

export class DurationBuilder {
  private readonly samples: Sample[] = [];
  private readonly skipped: SkipTally = {};

  add(id: string, m: Measure): void {
    if (m.kind === 'value') this.samples.push({ id, ms: m.ms });
    else if (m.kind === 'skip') tally(this.skipped, m.reason, id);
  }

  /** Tallies a skip; a value is left to `addSample`. */
  addSkip(id: string, m: Measure): void {
    if (m.kind === 'skip') tally(this.skipped, m.reason, id);
  }

  /**
   * A measured value, as a Sample that may be shared with other figures.
   * Samples added in ascending order make `build` linear (the sort finds one run).
   */
  addSample(sample: Sample): void {
    this.samples.push(sample);
  }

  build(): DurationFigure {
    const samples = this.samples;
    // Samples usually arrive in order (see addSample): then sorting would leave them
    // as they are (one ascending run), so skip it and the work array it allocates.
    if (!inSampleOrder(samples)) samples.sort(bySampleOrder);
    return {
      n: samples.length, medianMs: rankedMs(samples, 50), p90Ms: rankedMs(samples, 90),
      samples, ids: samples.map((s) => s.id), skipped: this.skipped,
    };
  }
}

/**
 * Several rates over one population (e.g. every attempt: rescheduled,
 * cancelled, cancelled by whom). Only hits are collected per rate; the
 * population array is built once and shared by the figures.
 */
export class SharedPopulation {
  readonly ids: string[] = [];
  add(id: string): void {
    this.ids.push(id);
  }
  rate(hits: string[]): RateFigure {
    const n = this.ids.length;
    return { n, count: hits.length, rate: n === 0 ? null : hits.length / n, ids: hits, populationIds: this.ids, skipped: {} };
  }
}

export class RateBuilder {
  private readonly ids: string[] = [];
  private readonly population: string[] = [];
  private readonly skipped: SkipTally = {};

  add(id: string, o: Outcome): void {
    if (o.kind === 'skip') tally(this.skipped, o.reason, id);
    if (o.kind !== 'hit' && o.kind !== 'miss') return;
    this.population.push(id);
    if (o.kind === 'hit') this.ids.push(id);
  }

  build(): RateFigure {
    const n = this.population.length;
    return {
      n, count: this.ids.length, rate: n === 0 ? null : this.ids.length / n,
      ids: this.ids, populationIds: this.population, skipped: this.skipped,
    };
  }
}
