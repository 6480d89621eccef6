// Manual visual + accessibility check (not part of the unit suite):
//   node --experimental-websocket --import tsx sandbox/ehr/test-support/screenshot.ts
// Serves the EHR UI over the fake FHIR data, opens each page at 1280x720 in Debian's
// Chromium, runs axe, and writes /tmp/ehr-*.png.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { createEhrUi } from '../index';
import { createFakeFhir } from './fake-fhir';
import { buildWard } from './fixtures';

const ui = createEhrUi({
  fhir: createFakeFhir(buildWard()),
  createLaunch: () => 'demo-launch',
  fhirBaseUrl: 'http://localhost:8080/fhir/R4',
  appLaunchUrl: '/stub-app',
  currentUser: 'Practitioner/prac-cm-1',
});
const server = createServer((req, res) => {
  if (req.url?.startsWith('/stub-app')) {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><html lang="en"><title>stub</title><body style="font-family:system-ui;padding:20px"><h1>CareRelay (stub)</h1><p>The real app loads here.</p></body></html>');
    return;
  }
  void ui(req, res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const page = await context.newPage();
const pages: [string, string][] = [
  ['list', '/ehr'],
  ['chart', '/ehr/patient/pat-1'],
  ['chart-no-order', '/ehr/patient/pat-2'],
  ['app', '/ehr/patient/pat-1/app'],
  ['discharge', '/ehr/patient/pat-1/discharge'],
  ['discharge-late', '/ehr/patient/pat-2/discharge?late=1'],
];
let serious = 0;
for (const [name, path] of pages) {
  await page.goto(base + path);
  if (name === 'discharge-late') await page.waitForSelector('[data-ehr-screen="discharge"]', { timeout: 3000 });
  await page.screenshot({ path: `/tmp/ehr-${name}.png` });
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  serious += bad.length;
  console.log(`${name}: ${results.violations.length} violations (${bad.length} serious/critical)`);
  for (const v of results.violations) console.log(`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length})`);
}
await browser.close();
server.close();
process.exitCode = serious > 0 ? 1 : 0;
