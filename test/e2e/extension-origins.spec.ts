// EHR origins an administrator adds beyond the manifest's content script matches:
// the background registers the built content script for them (chrome.scripting,
// persistAcrossSessions) and the overlay appears there; removing the origin
// unregisters it. The EHR here is a discharge fixture served on the IPv6 loopback
// http://[::1]:<port>: its host permission is in the manifest (a test cannot answer
// the permission prompt an https origin needs), its content script is not.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { inContentWorld } from './support/content-world';
import { expect, test } from './support/extension';
import { FHIR, ORIGIN } from './support/sandbox-client';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../fixtures/discharge/sandbox-discharge.html'), 'utf8');

let server: Server;
let ehrOrigin = '';

test.beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(FIXTURE));
  await new Promise<void>((done) => server.listen(0, '::1', done));
  const address = server.address();
  ehrOrigin = `http://[::1]:${typeof address === 'object' && address ? address.port : 0}`;
});
test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

interface Registered { id: string; matches?: string[]; js?: string[]; persistAcrossSessions?: boolean; allFrames?: boolean }
type ChromeInWorker = {
  scripting: { getRegisteredContentScripts(): Promise<Registered[]> };
  storage: { local: { set(v: object): Promise<void> } };
};

function registered(worker: Worker): Promise<Registered[]> {
  return worker.evaluate(() => (globalThis as unknown as { chrome: ChromeInWorker }).chrome.scripting.getRegisteredContentScripts());
}

function setOrigins(worker: Worker, ehrOrigins: string[]): Promise<void> {
  return worker.evaluate(async (settings) => {
    await (globalThis as unknown as { chrome: ChromeInWorker }).chrome.storage.local.set({ 'carerelay.settings': settings });
  }, { fhirBaseUrl: FHIR, clientId: 'carerelay-extension', ehrOrigins });
}

const overlays = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-carerelay-overlay]').length);

test('an admin-configured EHR origin gets the overlay through a runtime registration, and loses it when removed', async ({ context, extensionId, worker }) => {
  await setOrigins(worker, [ORIGIN, ehrOrigin]);
  // The sandbox (localhost) stays with the manifest's entry; only the new origin is registered.
  await expect.poll(() => registered(worker)).toEqual([expect.objectContaining({
    id: 'carerelay-ehr-origins', matches: [`${ehrOrigin}/*`], js: ['content-scripts/content.js'], persistAcrossSessions: true, allFrames: false,
  })]);

  const ehr = await context.newPage();
  await ehr.goto(`${ehrOrigin}/ehr/patient/pat-001/discharge`);
  await expect.poll(() => overlays(ehr)).toBe(1);
  // The background answers the content script there: the sender check uses the same settings.
  const answer = await inContentWorld<{ signedIn?: boolean } | null>(ehr, extensionId, `async () => (await chrome.runtime.sendMessage({ type: 'discharge-screen', context: { source: 'sandbox', patientId: 'pat-001' } })) ?? null`);
  expect(answer).toMatchObject({ signedIn: false });

  // On the sandbox, which both the manifest and the settings name, the script runs once.
  const sandbox = await context.newPage();
  await sandbox.goto(`${ORIGIN}/ehr/patient/pat-001/discharge`);
  await expect.poll(() => overlays(sandbox)).toBe(1);
  await sandbox.waitForTimeout(500);
  expect(await overlays(sandbox)).toBe(1);

  await setOrigins(worker, [ORIGIN]);
  await expect.poll(() => registered(worker)).toEqual([]);
  await ehr.reload();
  await ehr.waitForTimeout(1000);
  expect(await overlays(ehr)).toBe(0);
});
