// `npm run bench`: speed and size figures for this machine, each printed next to
// its goal. Starts its own sandbox (ports 8280/5373) with the built app.
import { startSandbox } from '../../sandbox/sandbox';
import { confirmToAcknowledged, launchToCarePlan } from './app-bench';
import { metricsBenchInChild, metricsBenchInChromium, type Timing } from './metrics-bench';
import { printContentFigures, runContentBench } from './content-bench';
import { coordinationLoad } from './coordination-bench';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCoordinationServer } from '../../server/coordination/server';

const rows: [string, string, string][] = [];
const row = (what: string, value: string, goal: string) => {
  rows.push([what, value, goal]);
  console.log(`${what.padEnd(58)} ${value.padStart(14)}   goal: ${goal}`);
};

// Metrics first and out of this process: computeAllMetrics runs in the SMART app's
// tab, whose heap holds no FHIR server (the sandbox below would make GC dearer).
const ms = (t: Timing) => `${Math.round(t.medianMs)} ms (${Math.round(t.minMs)}–${Math.round(t.maxMs)})`;
const heap = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} MB`);
const mNode = await metricsBenchInChild(10_000);
row(`metrics ×10,000, fresh Node: median (min–max) of ${mNode.runs} runs`, ms(mNode), '≤ 250 ms');
row('  Node JS heap: allocated during one call', heap(mNode.allocatedMb), '—');
row('  Node JS heap: peak above the heap before the call', heap(mNode.peakMb), '—');
row('  Node JS heap: retained (report kept, after a full GC)', heap(mNode.retainedMb), '—');
const mPage = await metricsBenchInChromium(10_000);
row(`metrics ×10,000, Chromium page: median (min–max) of ${mPage.runs} runs`, ms(mPage), '≤ 250 ms');
row('  Chromium, a filter change (parse and index kept per snapshot)', ms(mPage.filterChange), '—');
row('  Chromium JS heap: growth by the end of one call', heap(mPage.endOfCallMb), '—');
row('  Chromium JS heap: retained (report kept, after gc())', heap(mPage.retainedMb), '—');

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
} finally {
  await sandbox.close();
}
// Production-EHR mode: bookings on the coordination server, the chart from the EHR; the launch
// now includes the token exchange (its own process in production; in-process here).
{
  const coordPort = 8295;
  const pair = await startSandbox({ port: 8290, appPort: 5383, simMode: 'step', bookingsServer: `http://localhost:${coordPort}/fhir/R4` });
  const dataDir = mkdtempSync(join(tmpdir(), 'carerelay-bench-pair-'));
  const coord = await startCoordinationServer({
    port: coordPort, dataDir, importWhenEmpty: () => pair.careRelaySeed,
    exchange: { trusted: [{ issuer: pair.issuer, fhirBaseUrl: pair.fhirBaseUrl }], clientIds: ['carerelay-app'] },
  });
  try {
    await launchToCarePlan('http://localhost:8290', 0, 'pat-012');
    for (const latency of [0, 100]) {
      const w = await launchToCarePlan('http://localhost:8290', latency, 'pat-002', true);
      row(`coordination server: warm launch → care plan @${latency} ms: time`, `${w.ms} ms`, '—');
      row(`coordination server: warm launch → care plan @${latency} ms: round trips`, `${w.roundTrips} (${w.redirectHops} at the auth server)`, '≤ 6');
      row(`coordination server: token exchange @${latency} ms (POST /token)`, w.tokenExchangeMs === undefined ? 'n/a' : `${w.tokenExchangeMs} ms`, '—');
    }
  } finally {
    await Promise.all([pair.close(), coord.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const load = await coordinationLoad();
  row(`coordination server: ${load.clients} clients × ${load.perClient} bookings, latency p50 / p95`, `${load.p50Ms} / ${load.p95Ms} ms`, '—');
  row('coordination server: the same, slowest booking / wall time', `${load.maxMs} / ${load.wallMs} ms`, '—');
  row('coordination server: acknowledged, lost, duplicated', `${load.acknowledged}, ${load.lost}, ${load.duplicated}`, '1000, 0, 0');
}
console.log('\nExtension content script:');
printContentFigures(await runContentBench());
