// `node --import tsx shared/metrics/perf.ts [runs]`: the lead's bench call
// (computeAllMetrics over 10,000 synthetic bookings: one warm-up, then 5 timed
// calls, median), repeated `runs` times in this process. Prints wall time and
// process CPU time (less disturbed when other work shares the machine).
import { computeAllMetrics } from './compute-all';
import { makeSyntheticBookings, SYNTHETIC_RANGE } from './bench';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const input = makeSyntheticBookings(10_000, 7);
const options = { ...SYNTHETIC_RANGE, timeZone: 'America/New_York' };
const runs = Number(process.argv[2] ?? 3);
const walls: number[] = [];
const cpus: number[] = [];
for (let r = 0; r < runs; r += 1) {
  computeAllMetrics(input, options); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const c = cpuMs();
    const t = performance.now();
    computeAllMetrics(input, options);
    wall.push(performance.now() - t);
    cpu.push(cpuMs() - c);
  }
  walls.push(median(wall));
  cpus.push(median(cpu));
  console.log(`run ${r + 1}: wall ${wall.map((t) => t.toFixed(0)).join(' ')} ms (median ${median(wall).toFixed(0)}), cpu median ${median(cpu).toFixed(0)} ms`);
}
console.log(`median of ${runs} medians: wall ${median(walls).toFixed(0)} ms, cpu ${median(cpus).toFixed(0)} ms`);
