// Child-process entry of the metrics bench (see metricsBenchInChild): a fresh heap
// with nothing else in it. Prints one JSON line of NodeMetricsFigures.
// Run: node --expose-gc --import tsx test/bench/metrics-bench-main.ts [bookings]
import { metricsBench } from './metrics-bench';

console.log(JSON.stringify(metricsBench(Number(process.argv[2] ?? 10_000))));
