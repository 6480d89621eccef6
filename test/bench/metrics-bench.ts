// Time and memory of computing every coordination metric over n synthetic bookings,
// measured where nothing else lives in the heap: in a fresh Node process (never in
// the bench runner, whose in-process sandbox makes GC far dearer) and in a blank
// Chromium page, the product's runtime (smart-app/features/metrics/use-metrics.ts).
// Each: 3 warm-up runs, then 15 timed runs; the heap figures come from one more run.
// Playwright and esbuild are imported only when used, so the child's heap holds
// nothing but this file, the metrics code and its input.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GCProfiler } from 'node:v8';
import { computeAllMetrics, type prepareMetricsInput } from '../../shared/metrics/compute-all';
import { makeSyntheticBookings, SYNTHETIC_RANGE } from '../../shared/metrics/bench';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const WARM_UPS = 3;
const RUNS = 15;
const SEED = 7;
const TIME_ZONE = 'America/New_York';

export interface Timing { runs: number; medianMs: number; minMs: number; maxMs: number }

export interface NodeMetricsFigures extends Timing {
  /** JS heap allocated during one call (live growth + everything its GCs freed), MB. */
  allocatedMb: number;
  /** Peak JS heap in use during the call above the heap before it (after a full GC), MB. */
  peakMb: number;
  /** JS heap still held after the call with the report kept, after a full GC, MB. */
  retainedMb: number;
}

export interface ChromiumMetricsFigures extends Timing {
  /** A filter change on the dashboard: figures from the input parsed and indexed once per snapshot (prepareMetricsInput). */
  filterChange: Timing;
  /** performance.memory.usedJSHeapSize growth from before the call (after gc()) to its end, MB; GCs inside the call make it a lower bound of the peak. */
  endOfCallMb: number | null;
  /** Same, after gc() with the report kept, MB. */
  retainedMb: number | null;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

export function summarize(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    runs: sorted.length,
    medianMs: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    minMs: round(sorted[0] ?? 0),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
  };
}

/**
 * In this process. Only honest in a process with nothing else in its heap: run it
 * through metricsBenchInChild (or metrics-bench-main.ts). Heap figures need --expose-gc.
 */
export function metricsBench(n: number): NodeMetricsFigures {
  const input = makeSyntheticBookings(n, SEED);
  const options = { ...SYNTHETIC_RANGE, timeZone: TIME_ZONE };
  for (let i = 0; i < WARM_UPS; i++) computeAllMetrics(input, options);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    computeAllMetrics(input, options);
    times.push(performance.now() - t);
  }

  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('metricsBench needs node --expose-gc for its heap figures');
  gc();
  const before = process.memoryUsage().heapUsed;
  const profiler = new GCProfiler();
  profiler.start();
  const report = computeAllMetrics(input, options);
  const end = process.memoryUsage().heapUsed;
  const gcs = profiler.stop()?.statistics ?? [];
  let freed = 0;
  let peak = end;
  for (const s of gcs) {
    freed += s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize;
    peak = Math.max(peak, s.beforeGC.heapStatistics.usedHeapSize);
  }
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  if (report.bookings !== n) throw new Error(`report counts ${report.bookings} bookings, expected ${n}`); // also keeps it alive through gc()
  return { ...summarize(times), allocatedMb: mb(end - before + freed), peakMb: mb(peak - before), retainedMb: mb(retained) };
}

/** metricsBench in a fresh `node --expose-gc --import tsx` child process. */
export function metricsBenchInChild(n: number): Promise<NodeMetricsFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(HERE, 'metrics-bench-main.ts'), String(n)], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`metrics-bench-main.ts exited with ${code}`));
      try { resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as NodeMetricsFigures); } catch (e) { reject(e); }
    });
  });
}

/** computeAllMetrics + makeSyntheticBookings as one IIFE exposing globalThis.__metricsBench. */
async function pageBundle(): Promise<string> {
  // esbuild is not a direct dependency: it comes with tsx and vite (as for extension/content/page-bundle.ts).
  const { build } = await import('esbuild');
  const out = await build({
    stdin: {
      contents: `
        export { computeAllMetrics, prepareMetricsInput } from '../../shared/metrics/compute-all';
        export { makeSyntheticBookings, SYNTHETIC_RANGE } from '../../shared/metrics/bench';
      `,
      resolveDir: HERE, loader: 'ts', sourcefile: 'metrics-page-entry.ts',
    },
    bundle: true, minify: true, format: 'iife', globalName: '__metricsBench', target: 'chrome116', write: false, logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

interface PageApi {
  computeAllMetrics: typeof computeAllMetrics;
  prepareMetricsInput: typeof prepareMetricsInput;
  makeSyntheticBookings: typeof makeSyntheticBookings;
  SYNTHETIC_RANGE: typeof SYNTHETIC_RANGE;
}

/** The same runs in a blank page of real Chromium (one browser, closed at the end). */
export async function metricsBenchInChromium(n: number): Promise<ChromiumMetricsFigures> {
  const script = await pageBundle();
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS } = await import('../../playwright.config');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    // tsx compiles the function handed to page.evaluate with esbuild's keepNames,
    // which calls a __name helper that only exists in Node: give the page a no-op one.
    await page.evaluate('globalThis.__name = (f) => f;');
    await page.addScriptTag({ content: script });
    const r = await page.evaluate(({ n, seed, timeZone, warmUps, runs }) => {
      const api = (globalThis as unknown as { __metricsBench: PageApi }).__metricsBench;
      const gc = (globalThis as { gc?: () => void }).gc;
      const used = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
      const input = api.makeSyntheticBookings(n, seed);
      const options = { ...api.SYNTHETIC_RANGE, timeZone };
      for (let i = 0; i < warmUps; i++) api.computeAllMetrics(input, options);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        api.computeAllMetrics(input, options);
        times.push(performance.now() - t);
      }
      const prepared = api.prepareMetricsInput(input);
      const filtered = { ...options, filters: { serviceType: 'transport' as const } };
      for (let i = 0; i < warmUps; i++) api.computeAllMetrics(prepared, filtered);
      const filterTimes: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        api.computeAllMetrics(prepared, i % 2 ? filtered : options);
        filterTimes.push(performance.now() - t);
      }
      gc?.();
      const before = used();
      const report = api.computeAllMetrics(input, options);
      const end = used();
      gc?.();
      const after = used();
      const kept = report.bookings === n; // also keeps the report alive through gc()
      const delta = (x: number | undefined) => (x === undefined || before === undefined || !gc ? null : x - before);
      return { times, filterTimes, endOfCall: delta(end), retained: kept ? delta(after) : null };
    }, { n, seed: SEED, timeZone: TIME_ZONE, warmUps: WARM_UPS, runs: RUNS });
    const orNull = (bytes: number | null) => (bytes === null ? null : mb(bytes));
    return { ...summarize(r.times), filterChange: summarize(r.filterTimes), endOfCallMb: orNull(r.endOfCall), retainedMb: orNull(r.retained) };
  } finally {
    await browser.close();
  }
}
