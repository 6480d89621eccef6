// Time and memory of computing every coordination metric over n synthetic bookings.
import { computeAllMetrics } from '../../shared/metrics/compute-all';
import { makeSyntheticBookings, SYNTHETIC_RANGE } from '../../shared/metrics/bench';

export function metricsBench(n: number) {
  const input = makeSyntheticBookings(n, 7);
  const options = { ...SYNTHETIC_RANGE, timeZone: 'America/New_York' };
  computeAllMetrics(input, options); // warm-up
  const times: number[] = [];
  let heap = 0;
  for (let i = 0; i < 5; i++) {
    const before = process.memoryUsage().heapUsed;
    const t = performance.now();
    computeAllMetrics(input, options);
    times.push(performance.now() - t);
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[2] ?? 0), heapMb: Math.round(heap / 1048576) };
}
