// `npm start`: the sandbox EHR with the built app. Prints the URL to open.
import { createRelay, startRelayLoop } from '../server/relay/relay';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCoordinationProcess, type CoordinationProcess } from './coordination-process';
import { clockSpeedFromEnv } from './clock';
import { startSandbox } from './sandbox';

const t0 = performance.now();
const env = process.env;
const port = Number(env.SANDBOX_PORT ?? 8080);
// CareRelay's coordination server (server/coordination), its own process: `npm start` sets
// COORD_PORT (default 8090); without it (the e2e suite's main stack) it is not started. With
// SANDBOX_BOOKINGS=coordination the app keeps its bookings there, and the seed's bookings and
// vendor directory are loaded into it (once, into an empty journal) instead of into the EHR.
const coordPort = env.COORD_PORT && env.COORD_PORT !== 'off' ? Number(env.COORD_PORT) : undefined;
if (env.SANDBOX_BOOKINGS === 'coordination' && !coordPort) throw new Error('SANDBOX_BOOKINGS=coordination needs the coordination server: set COORD_PORT');
const bookingsServer = env.SANDBOX_BOOKINGS === 'coordination' ? `http://${env.COORD_HOST ?? 'localhost'}:${coordPort}/fhir/R4` : undefined;
const sandbox = await startSandbox({
  port,
  appPort: Number(env.APP_PORT ?? 5173),
  simMode: env.SANDBOX_SIM === 'step' ? 'step' : 'auto',
  clockSpeed: clockSpeedFromEnv(env.SANDBOX_CLOCK_SPEED),
  stateFile: env.SANDBOX_STATE,
  seed: env.SANDBOX_SEED ? Number(env.SANDBOX_SEED) : undefined,
  appDir: env.APP_DIR,
  // The texting stand-in sits 20 ports above the sandbox (8100 for 8080; the coordination server has 8090) unless SMS_PORT says; SANDBOX_SMS=off: none.
  ...(env.SANDBOX_SMS === 'off' ? {} : { smsPort: Number(env.SMS_PORT ?? Number(env.SANDBOX_PORT ?? 8080) + 20) }),
  ...(bookingsServer ? { bookingsServer } : {}),
});
let coordination: CoordinationProcess | undefined;
process.on('exit', () => coordination?.stop());
if (coordPort) {
  const seedFile = join(mkdtempSync(join(tmpdir(), 'carerelay-seed-')), 'coordination-seed.json');
  writeFileSync(seedFile, JSON.stringify(sandbox.careRelaySeed));
  coordination = await startCoordinationProcess(coordPort, { issuer: sandbox.issuer, fhirBaseUrl: sandbox.fhirBaseUrl }, { ...env, ...(sandbox.careRelaySeed.length ? { COORD_IMPORT: seedFile } : {}) });
}
console.log(`\nCareRelay sandbox EHR ready in ${Math.round(performance.now() - t0)} ms\n`);
console.log(`  Open the EHR:        ${sandbox.ehrUrl}`);
console.log(`  FHIR base (iss):     ${sandbox.fhirBaseUrl}`);
console.log(`  SMART app launch:    ${sandbox.appUrl}  (no iss = standalone launch)`);
console.log(`  Authorization:       ${sandbox.issuer}`);
if (env.SANDBOX_CLOCK_SPEED && clockSpeedFromEnv(env.SANDBOX_CLOCK_SPEED) !== 1) console.log(`  Vendor clock:        ${clockSpeedFromEnv(env.SANDBOX_CLOCK_SPEED)}× real time (SANDBOX_CLOCK_SPEED)`);
if (sandbox.smsUrl) console.log(`  Patients' phones:    ${sandbox.smsUrl}  (texts from the rule runner; Twilio stand-in)`);
// The rule runner runs beside the EHR, as it would in production (server/relay): worklist
// steps appear without anyone running a command. SANDBOX_RELAY=off leaves it to the tests.
const relaySeconds = Number(env.RELAY_INTERVAL ?? 30);
const stopRelay = env.SANDBOX_RELAY === 'off' ? undefined : startRelayLoop(createRelay({ origin: new URL(sandbox.ehrUrl).origin, ...(sandbox.messaging ? { messaging: sandbox.messaging } : {}) }), relaySeconds, (line) => {
  if (!line.endsWith('nothing to do')) console.log(line);
});
console.log(`  Rule runner:         ${stopRelay ? `every ${relaySeconds} s (SANDBOX_RELAY=off to stop it)` : 'off'}`);
console.log(`  Coordination server: ${coordination ? coordination.fhirBaseUrl : 'not started (set COORD_PORT)'}`);
console.log(`  Bookings kept on:    ${bookingsServer ? 'the coordination server (the EHR holds the chart only)' : 'the EHR (SANDBOX_BOOKINGS=coordination moves them to the coordination server)'}`);
console.log(`\nPress Ctrl+C to stop.`);
const stop = async () => {
  coordination?.stop();
  stopRelay?.();
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
