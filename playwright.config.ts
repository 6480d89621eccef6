import { defineConfig } from '@playwright/test';

// End-to-end: real Debian Chromium, the built app and the real sandbox EHR
// (FHIR server + SMART auth + vendor simulator in step mode, driven by the tests).
// Ports can be moved (E2E_PORT / E2E_APP_PORT) so a running `npm start` does not collide.
// The tests speak the hospital's wall clock: nextWeekdayAt(10) is 10:00 in New York, the
// sandbox facility's zone (the app and the EHR show and read every time there). The test
// runner, and the browser unless a spec sets `timezoneId`, run in that zone; the sandbox
// server runs in UTC like a production server (E2E_TZ moves the runner for experiments).
process.env.TZ = process.env.E2E_TZ ?? 'America/New_York';
export const FACILITY_TIME_ZONE = 'America/New_York';

export const SANDBOX = { port: Number(process.env.E2E_PORT ?? 8080), appPort: Number(process.env.E2E_APP_PORT ?? 5173) };
/**
 * A second stack for the production-EHR specs (coordination-*.spec.ts): the sandbox EHR with
 * CareRelay's coordination server beside it (SANDBOX_BOOKINGS=coordination), on its own ports
 * and with its own empty journal each run, so its bookings never meet the main stack's.
 */
export const PAIR = { port: SANDBOX.port + 1000, appPort: SANDBOX.appPort + 1000, coordPort: SANDBOX.port + 1010, adminToken: 'e2e-coordination-admin' };
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: `test-results/e2e-${SANDBOX.port}`,
  // A budget, not a wait: on a loaded 2-core machine the longest specs (metrics: 12 weeks of
  // data, drill-downs, CSV) ran past 60 s while every step still waited on state.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${SANDBOX.port}`,
    viewport: { width: 1280, height: 720 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [{
    command: 'node --experimental-websocket --import tsx sandbox/main.ts',
    url: `http://localhost:${SANDBOX.port}/fhir/R4/metadata`,
    env: { TZ: 'UTC', SANDBOX_SIM: 'step', SANDBOX_RELAY: 'off', SANDBOX_PORT: String(SANDBOX.port), APP_PORT: String(SANDBOX.appPort), ...(process.env.APP_DIR ? { APP_DIR: process.env.APP_DIR } : {}) },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  }, {
    command: `rm -rf test-results/coordination-${PAIR.coordPort} && node --experimental-websocket --import tsx sandbox/main.ts`,
    url: `http://localhost:${PAIR.coordPort}/health`,
    env: {
      TZ: 'UTC', SANDBOX_SIM: 'step', SANDBOX_RELAY: 'off', SANDBOX_SMS: 'off', SANDBOX_BOOKINGS: 'coordination',
      SANDBOX_PORT: String(PAIR.port), APP_PORT: String(PAIR.appPort), COORD_PORT: String(PAIR.coordPort),
      COORD_DATA_DIR: `test-results/coordination-${PAIR.coordPort}`, COORD_ADMIN_TOKEN: PAIR.adminToken,
      ...(process.env.APP_DIR ? { APP_DIR: process.env.APP_DIR } : {}),
    },
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: 'pipe',
  }],
});
