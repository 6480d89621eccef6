// `npm run bench`: speed and size figures for this machine, each printed next to
// its goal. Starts its own sandbox (ports 8280/5373) with the built app.
import { startSandbox } from '../sandbox/sandbox';
import { confirmToAcknowledged, launchToCarePlan } from './app-bench';
import { metricsBench } from './metrics-bench';
import { printContentFigures, runContentBench } from './content-bench';

const rows: [string, string, string][] = [];
const row = (what: string, value: string, goal: string) => {
  rows.push([what, value, goal]);
  console.log(`${what.padEnd(58)} ${value.padStart(14)}   goal: ${goal}`);
};

const t0 = performance.now();
const sandbox = await startSandbox({ port: 8280, appPort: 5373, simMode: 'step' });
row('sandbox start-up (seed + servers)', `${Math.round(performance.now() - t0)} ms`, 'seconds');
const origin = 'http://localhost:8280';
try {
  await launchToCarePlan(origin, 0, 'pat-012'); // warm-up: first JIT of the server paths
  for (const latency of [0, 100]) {
    const r = await launchToCarePlan(origin, latency);
    row(`launch → care plan @${latency} ms: time`, `${r.ms} ms`, '—');
    row(`launch → care plan @${latency} ms: HTTP requests`, String(r.requests), '—');
    row(`launch → care plan @${latency} ms: sequential round trips`, String(r.roundTrips), '≤ 6');
    row(`launch → care plan @${latency} ms: of which auth-server requests`, String(r.redirectHops), '—');
    row(`launch → care plan @${latency} ms: FHIR data requests`, String(r.firstScreenDataRequests), '≤ 2');
    if (latency === 0) {
      row('JavaScript for the first screen, index.html (gzip)', `${(r.jsGzipBytes / 1024).toFixed(1)} KB`, '≤ 200 KB');
      row('JavaScript of launch.html (gzip)', `${(r.launchJsGzipBytes / 1024).toFixed(1)} KB`, '—');
    }
  }
  for (const latency of [0, 100]) {
    const w = await launchToCarePlan(origin, latency, 'pat-002', true);
    row(`warm cache, launch → care plan @${latency} ms: time`, `${w.ms} ms`, '—');
    row(`warm cache, launch → care plan @${latency} ms: sequential round trips`, `${w.roundTrips} (${w.redirectHops} at the auth server)`, '≤ 6');
  }
  const c = await confirmToAcknowledged(origin);
  row('confirm click → booking acknowledged: FHIR requests', String(c.requests), '1');
  row('confirm click → booking acknowledged: time', `${c.ms} ms`, '—');
  const m = metricsBench(10_000);
  row('metrics over 10,000 bookings: time (median of 5)', `${m.medianMs} ms`, '≤ 250 ms');
  row('metrics over 10,000 bookings: heap during the call', `${m.heapMb} MB`, '—');
} finally {
  await sandbox.close();
}
console.log('\nExtension content script:');
printContentFigures(await runContentBench());
