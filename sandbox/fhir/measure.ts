// Speed of the sandbox FHIR server over real HTTP, one request at a time.
// Run: node --experimental-websocket --import tsx sandbox/fhir/measure.ts [n]
// Part 1: the app's own traffic against the full sandbox seed (first-screen batch,
// change-poll batch, vendor simulator's work-queue search). Part 2: write and
// identifier-search throughput with n Tasks (default 2,000).
import type { Bundle } from '@medplum/fhirtypes';
import { SYSTEMS } from '../../shared/fhir/codes';
import { generateSeed } from '../seed/index';
import { startTestFhirServer } from './test-server';

const n = Number(process.argv[2] ?? 2000);
const ROUNDS = 50;
const s = await startTestFhirServer();

// The exact queries of shared/chart/load-chart.ts (+ the vendor section) and shared/chart/changes.ts.
const chartBatch = (patient: string, encounter: string): Bundle => batch([
  `Patient?_id=${patient}`,
  `Encounter?_id=${encounter}&_include=Encounter:location&_include:iterate=Location:partof`,
  `Coverage?patient=${patient}&status=active`,
  `Condition?patient=${patient}`,
  `CarePlan?patient=${patient}&status=active&_include=CarePlan:goal&_include=CarePlan:care-team&_include:iterate=CareTeam:participant&_include:iterate=PractitionerRole:practitioner`,
  `ServiceRequest?patient=${patient}&_count=200`,
  `DeviceRequest?patient=${patient}&_count=200`,
  `Task?patient=${patient}&_count=200&_revinclude=Provenance:target&_include=Task:owner`,
  `Appointment?patient=${patient}&_count=200`,
  `Communication?patient=${patient}&_count=200`,
  'HealthcareService?active=true&_include=HealthcareService:organization&_count=200',
]);
const pollBatch = (patient: string, cursor: string): Bundle => batch(
  ['Task', 'Appointment', 'ServiceRequest', 'DeviceRequest', 'Communication'].map((type) =>
    `${type}?patient=${encodeURIComponent(patient)}&_lastUpdated=gt${encodeURIComponent(cursor)}&_summary=count`),
);
const vendorQueue = `Task?code=${encodeURIComponent(`${SYSTEMS.taskCode}|fulfill`)}&status=requested,accepted,in-progress&_count=100`;

function batch(urls: string[]): Bundle {
  return { resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) };
}

async function send(body: Bundle | undefined, path = ''): Promise<number> {
  const r = await s.request(body ? 'POST' : 'GET', path, body);
  const failed = ((r.body as Bundle).entry ?? []).find((e) => e.response && !e.response.status.startsWith('2'));
  if (failed) throw new Error(`batch entry failed: ${failed.response?.status ?? ''}`);
  return r.status;
}

/**
 * Runs `work` sequentially `times` times; prints the mean wall time per call, calls/s,
 * and this process's CPU per call (client and server both live here): on a shared,
 * busy machine the CPU figure is the steadier one.
 */
async function timed(label: string, times: number, work: (i: number) => Promise<number>, warmUp = true): Promise<void> {
  if (warmUp) await work(0); // FHIRPath parse caches, JIT; off for writes, which must not repeat
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < times; i++) {
    const status = await work(i);
    if (status >= 300) throw new Error(`${label} #${i}: HTTP ${status}`);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / times;
  console.log(`${label}: ${times} in ${(ms / 1000).toFixed(2)} s = ${(ms / times).toFixed(2)} ms each, ${(times * 1000 / ms).toFixed(0)}/s (cpu ${cpuMs.toFixed(2)} ms each)`);
}

const seed = generateSeed({ seed: 42, now: new Date() });
const t0 = performance.now();
await s.fhir.reset(seed);
console.log(`load seed (${seed.length} resources): ${(performance.now() - t0).toFixed(0)} ms`);
const cursor = new Date(Date.now() - 1000).toISOString();
await timed('first-screen batch pat-001', ROUNDS, () => send(chartBatch('pat-001', 'enc-001')));
await timed('first-screen batch pat-003', ROUNDS, () => send(chartBatch('pat-003', 'enc-003')));
await timed('poll batch pat-003', ROUNDS, () => send(pollBatch('pat-003', cursor)));
await timed('vendor queue search', ROUNDS, () => send(undefined, vendorQueue));

await s.fhir.reset([{ resourceType: 'Patient', id: 'p1' }, { resourceType: 'Organization', id: 'v1' }]);
await timed(`creates (Task), to ${n}`, n, async (i) => (await s.request('POST', 'Task', {
  resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: 'Patient/p1' },
  owner: { reference: 'Organization/v1' }, identifier: [{ system: SYSTEMS.bookingId, value: `m${i}` }],
})).status, false);
await timed(`searches (Task?identifier=, among ${n})`, n, async (i) =>
  (await s.request('GET', `Task?identifier=${encodeURIComponent(`${SYSTEMS.bookingId}|m${i}`)}`)).status);
await timed(`searches (Task?patient=&status=&_count=20, among ${n})`, ROUNDS, async () =>
  (await s.request('GET', 'Task?patient=Patient/p1&status=requested&_count=20')).status);
await timed('conditional creates (If-None-Exist, all matching)', n, async (i) => (await s.request('POST', 'Task', {
  resourceType: 'Task', status: 'requested', intent: 'order', identifier: [{ system: SYSTEMS.bookingId, value: `m${i}` }],
}, { 'If-None-Exist': `identifier=${SYSTEMS.bookingId}|m${i}` })).status, false);
await s.close();
