// The SMART app's speed and size, measured in real Chromium against the sandbox:
// requests, sequential round trips and time from the EHR opening the launch URL
// to the care plan on screen (at 0 and 100 ms added latency), JavaScript shipped
// for the first screen (gzip), and requests/time from "Confirm booking" to the
// booking acknowledged by the server.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page, type Request } from '@playwright/test';

export interface AppBenchResult {
  latencyMs: number;
  requests: number;
  roundTrips: number;
  firstScreenDataRequests: number;
  ms: number;
  jsGzipBytes: number;
  launchJsGzipBytes: number;
  /** Requests to the EHR's authorization server (its own redirects included). */
  redirectHops: number;
  /** The coordination server's token exchange (POST /token), when the app made one. */
  tokenExchangeMs?: number;
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
  // The end is taken when the response headers arrive (synchronously), so a redirect
  // hop or the next dependent request is never mistaken for a parallel one.
  page.on('response', (res) => {
    const r = res.request();
    const t: Timed = { url: r.url(), method: r.method(), start: started.get(r) ?? 0, end: performance.now(), type: r.resourceType() };
    list.push(t);
    if (r.resourceType() === 'script') {
      // The built file itself where it is ours: a response body can no longer be read once
      // the page has navigated on (launch.html leaves for the authorization server at once).
      const own = builtFile(r.url());
      if (own) t.bytes = own;
      else void res.body().then((b) => { t.bytes = b; }, () => undefined);
    }
  });
  return list;
}

const APP_DIR = resolve(import.meta.dirname, '../../dist/app');
/** The bytes of a script the built app serves (the bench's sandbox serves dist/app), else undefined. */
function builtFile(url: string): Buffer | undefined {
  const path = join(APP_DIR, new URL(url).pathname);
  return path.startsWith(APP_DIR) && existsSync(path) ? readFileSync(path) : undefined;
}

async function launchUrlFor(ehrOrigin: string, patient: string): Promise<string> {
  const launch = await fetch(`${ehrOrigin}/ehr/patient/${patient}/launch?mode=tab`, { redirect: 'manual' });
  const launchUrl = launch.headers.get('location');
  if (!launchUrl) throw new Error('the sandbox did not redirect to the launch URL');
  return launchUrl;
}

/**
 * Cold: empty cache. Warm: the app's hashed assets are already cached (immutable), as
 * for a nurse who launched CareRelay earlier in the shift; a first launch primes it.
 */
export async function launchToCarePlan(ehrOrigin: string, latencyMs: number, patient = 'pat-002', warm = false): Promise<AppBenchResult> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    if (warm) {
      const primer = await context.newPage();
      await primer.goto(await launchUrlFor(ehrOrigin, patient));
      await primer.getByRole('table', { name: 'Goals' }).waitFor({ timeout: 60_000 });
      await primer.close();
    }
    const launchUrl = await launchUrlFor(ehrOrigin, patient);
    const page = await context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    if (!warm) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // Responses the browser cache served cost no round trip.
    const urlById = new Map<string, string>();
    const cached = new Set<string>();
    cdp.on('Network.requestWillBeSent', (e) => void urlById.set(e.requestId, e.request.url));
    cdp.on('Network.requestServedFromCache', (e) => void cached.add(urlById.get(e.requestId) ?? ''));
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.fromDiskCache || e.response.fromPrefetchCache) cached.add(e.response.url);
    });
    if (latencyMs) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: -1, uploadThroughput: -1 });
    const requests = await track(page);
    const t0 = performance.now();
    await page.goto(launchUrl);
    await page.getByRole('table', { name: 'Goals' }).waitFor({ timeout: 60_000 });
    const visibleAt = performance.now();
    const ms = visibleAt - t0;
    await page.waitForTimeout(200); // let script bodies arrive for the size count
    const fhirData = requests.filter((r) => r.start <= visibleAt && r.url.includes('/fhir/R4') && !r.url.includes('.well-known') && !r.url.endsWith('/metadata'));
    // The first screen's JavaScript: unique scripts index.html loads (launch.html's are counted apart).
    const indexAt = requests.find((r) => r.type === 'document' && r.url.includes('/index.html'))?.start ?? 0;
    const unique = (list: Timed[]) => [...new Map(list.map((r) => [r.url, r])).values()];
    const js = unique(requests.filter((r) => r.type === 'script' && r.bytes && r.start >= indexAt));
    const launchJs = unique(requests.filter((r) => r.type === 'script' && r.bytes && r.start < indexAt));
    return {
      latencyMs,
      requests: requests.filter((r) => r.start <= visibleAt).length,
      roundTrips: roundTrips(requests.filter((r) => r.start <= visibleAt && !cached.has(r.url))),
      firstScreenDataRequests: fhirData.length,
      ms: Math.round(ms),
      jsGzipBytes: js.reduce((sum, r) => sum + gzipSync(r.bytes ?? Buffer.alloc(0)).length, 0),
      launchJsGzipBytes: launchJs.reduce((sum, r) => sum + gzipSync(r.bytes ?? Buffer.alloc(0)).length, 0),
      redirectHops: requests.filter((r) => r.url.includes('/auth/')).length,
      ...exchangeTime(requests),
    };
  } finally {
    await browser.close();
  }
}

function exchangeTime(requests: Timed[]): { tokenExchangeMs?: number } {
  const exchange = requests.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/token');
  return exchange ? { tokenExchangeMs: Math.round(exchange.end - exchange.start) } : {};
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
    page.on('request', (r) => after.push(`${r.method()} ${r.url()} ${(r.postData() ?? '').slice(0, 120)}`));
    const acknowledged = page.waitForResponse((r) => r.request().method() === 'POST' && /\/fhir\/R4\/?$/.test(r.url()) && r.request().postData()?.includes('"transaction"') === true);
    const t0 = performance.now();
    await confirm.click();
    await acknowledged;
    const ms = performance.now() - t0;
    if (process.env.BENCH_VERBOSE) console.log(after);
    // The change-polling probe (a batch of _summary=count searches) runs on its own clock and may
    // land in the window; it is not part of booking.
    const fhir = after.filter((r) => r.includes('/fhir/R4') && !r.includes('"type":"batch"'));
    return { requests: fhir.length, ms: Math.round(ms) };
  } finally {
    await browser.close();
  }
}
