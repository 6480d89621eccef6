// Throughput of the sandbox FHIR server over real HTTP, one request at a time.
// Run: node --experimental-websocket --import tsx test/sandbox/fhir/measure.ts [n]
import { SYSTEMS } from '../../../shared/fhir/codes';
import { startTestFhirServer } from './test-server';

const n = Number(process.argv[2] ?? 2000);
const s = await startTestFhirServer();
await s.fhir.reset([{ resourceType: 'Patient', id: 'p1' }, { resourceType: 'Organization', id: 'v1' }]);

async function timed(label: string, work: (i: number) => Promise<number>): Promise<void> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const status = await work(i);
    if (status >= 300) throw new Error(`${label} #${i}: HTTP ${status}`);
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`${label}: ${n} in ${secs.toFixed(2)} s = ${(n / secs).toFixed(0)}/s`);
}

await timed('creates (Task)', async (i) => (await s.request('POST', 'Task', {
  resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: 'Patient/p1' },
  owner: { reference: 'Organization/v1' }, identifier: [{ system: SYSTEMS.bookingId, value: `m${i}` }],
})).status);
await timed('searches (Task?identifier=, among n)', async (i) =>
  (await s.request('GET', `Task?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|m${i}`)}`)).status);
await timed('searches (Task?patient=&status=&_count=20)', async () =>
  (await s.request('GET', 'Task?patient=Patient/p1&status=requested&_count=20')).status);
await timed('conditional creates (If-None-Exist, all matching)', async (i) => (await s.request('POST', 'Task', {
  resourceType: 'Task', status: 'requested', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: `m${i}` }],
}, { 'If-None-Exist': `identifier=${SYSTEMS.bookingId}|m${i}` })).status);
await s.close();
