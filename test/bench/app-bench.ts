// The SMART app's speed and size, measured in real Chromium against the sandbox:
// requests, sequential round trips and time from the EHR opening the launch URL
// to the care plan on screen (at 0 and 100 ms added latency), JavaScript shipped
// for the first screen (gzip), and requests/time from "Confirm booking" to the
// booking acknowledged by the server.
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Request } from '@playwright/test';

export interface AppBenchResult {
  latencyMs: number;
  requests: number;
  roundTrips: number;
  firstScreenDataRequests: number;
  ms: number;
  jsGzipBytes: number;
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Timed { url: string; method: string; start: number; end: number; bytes?: Buffer; type: string }

function roundTrips(requests: Timed[]): number {
  // A new round trip starts when a request starts after every request of the current one ended.
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  let rounds = 0;
  let roundEnd = -Infinity;
  for (const r of sorted) {
    if (r.start >= roundEnd) {
      rounds += 1;
      roundEnd = r.end;
    } else roundEnd = Math.max(roundEnd, r.end);
  }
  return rounds;
}

async function track(page: Page) {
  const list: Timed[] = [];
  const started = new Map<Request, number>();
  page.on('request', (r) => started.set(r, performance.now()));
  page.on('requestfinished', async (r) => {
    const res = await r.response();
    const t: Timed = { url: r.url(), method: r.method(), start: started.get(r) ?? 0, end: performance.now(), type: r.resourceType() };
    if (r.resourceType() === 'script' && res) t.bytes = await res.body().catch(() => undefined);
    list.push(t);
  });
  return list;
}

export async function launchToCarePlan(ehrOrigin: string, latencyMs: number, patient = 'pat-002'): Promise<AppBenchResult> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const launch = await fetch(`${ehrOrigin}/ehr/patient/${patient}/launch?mode=tab`, { redirect: 'manual' });
    const launchUrl = launch.headers.get('location');
    if (!launchUrl) throw new Error('the sandbox did not redirect to the launch URL');
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (latencyMs) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
    const requests = await track(page);
    const t0 = performance.now();
    await page.goto(launchUrl);
    await page.getByRole('table', { name: 'Goals' }).waitFor({ timeout: 60_000 });
    const ms = performance.now() - t0;
    await page.waitForTimeout(50);
    const fhirData = requests.filter((r) => r.url.includes('/fhir/R4') && !r.url.includes('.well-known') && !r.url.endsWith('/metadata'));
    const js = requests.filter((r) => r.type === 'script' && r.bytes);
    return {
      latencyMs,
      requests: requests.length,
      roundTrips: roundTrips(requests),
      firstScreenDataRequests: fhirData.length,
      ms: Math.round(ms),
      jsGzipBytes: js.reduce((sum, r) => sum + gzipSync(r.bytes ?? Buffer.alloc(0)).length, 0),
    };
  } finally {
    await browser.close();
  }
}

export async function confirmToAcknowledged(ehrOrigin: string, patient = 'pat-011'): Promise<{ requests: number; ms: number }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const launch = await fetch(`${ehrOrigin}/ehr/patient/${patient}/launch?mode=tab`, { redirect: 'manual' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(launch.headers.get('location') ?? '');
    await page.getByRole('tab', { name: 'Book transport' }).click();
    const confirm = page.getByRole('button', { name: 'Confirm booking' });
    await confirm.waitFor();
    const after: string[] = [];
    page.on('request', (r) => after.push(`${r.method()} ${r.url()}`));
    const acknowledged = page.waitForResponse((r) => r.request().method() === 'POST' && /\/fhir\/R4\/?$/.test(r.url()) && r.request().postData()?.includes('"transaction"') === true);
    const t0 = performance.now();
    await confirm.click();
    await acknowledged;
    const ms = performance.now() - t0;
    return { requests: after.filter((r) => r.includes('/fhir/R4')).length, ms: Math.round(ms) };
  } finally {
    await browser.close();
  }
}
