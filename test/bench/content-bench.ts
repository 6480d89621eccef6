// Content script figures: shipped size, section-rendered → overlay-mounted time,
// and the detector's main-thread cost on a 20,000-element page under constant DOM
// churn, each against its goal. Real Chromium via Playwright; the background is a
// stub chrome.runtime.sendMessage. Run: node --import tsx test/bench/content-bench.ts
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundleForPage, bundleLikeWxt } from '../../extension/content/page-bundle';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { churnPage, measureChurn, measureMounts, type ChurnFigures, type MountFigures } from './content-bench-page';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const WXT_OUTPUT = join(ROOT, 'extension/.output/chrome-mv3/content-scripts/content.js');
// The late half, loaded only on a candidate discharge screen (decision 0015).
const WXT_LATE = join(ROOT, 'extension/.output/chrome-mv3/content-late.js');
const FIXTURE = join(ROOT, 'test/fixtures/discharge/sandbox-discharge.html');
const SECTION = /<section class="card" id="discharge-planning"[\s\S]*?<\/section>/;

export const CONTENT_GOALS = { sizeGzipBytes: 5 * 1024, mountMs: 1000 / 60, detectorMsPerSecond: 5 };

export interface ContentBenchFigures {
  size: { gzipBytes: number; source: string };
  mount: MountFigures;
  churn: { idle: ChurnFigures; shown: ChurnFigures; control: ChurnFigures };
}

async function measureSize(): Promise<ContentBenchFigures['size']> {
  if (existsSync(WXT_OUTPUT)) return { gzipBytes: gzipSync(readFileSync(WXT_OUTPUT), { level: 9 }).length, source: 'WXT build output' };
  const code = await bundleLikeWxt();
  return { gzipBytes: gzipSync(code, { level: 9 }).length, source: 'esbuild: entrypoint + WXT ContentScriptContext (no WXT build yet)' };
}

/** A page with the stub background, then the content script injected. */
async function pageWith(browser: Browser, html: string, script: string | undefined): Promise<Page> {
  const page = await browser.newPage();
  // tsx compiles the functions handed to page.evaluate with esbuild's keepNames,
  // which calls a __name helper that only exists in Node: give the page a no-op one.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript(() => {
    const bookings = [{ label: 'Wheelchair van', status: 'Booked', time: '14:30' }];
    Object.defineProperty(window, 'chrome', {
      value: { runtime: { id: 'bench', sendMessage: async () => ({ signedIn: true, bookings }) } },
    });
  });
  // A real navigation (not setContent) so the init scripts run in the page's document.
  await page.route('http://ehr.bench/', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto('http://ehr.bench/');
  if (script) await page.addScriptTag({ content: script });
  return page;
}

export async function runContentBench(): Promise<ContentBenchFigures> {
  const size = await measureSize();
  const script = await bundleForPage('closed');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const fixture = readFileSync(FIXTURE, 'utf8');
    const section = SECTION.exec(fixture)?.[0] ?? '';
    // The section appears inside the busy 20,000-element page, which until then is
    // not a discharge screen (the sandbox page's own heading and checklist would be).
    const mountPage = await pageWith(browser, churnPage('<div id="holder"></div>'), script);
    const mount = await measureMounts(mountPage, section, 30);
    await mountPage.close();

    const run = async (withScript: boolean, shown: boolean): Promise<ChurnFigures> => {
      const page = await pageWith(browser, churnPage(shown ? section : ''), withScript ? script : undefined);
      try { return await measureChurn(page, 5000, 100); } finally { await page.close(); }
    };
    const control = await run(false, false);
    const idle = await run(true, false);
    const shown = await run(true, true);
    return { size, mount, churn: { idle, shown, control } };
  } finally {
    await browser.close();
  }
}

const verdict = (ok: boolean): string => (ok ? 'ok' : 'OVER GOAL');

export function printContentFigures(f: ContentBenchFigures): void {
  const g = CONTENT_GOALS;
  const kb = (b: number): string => `${(b / 1024).toFixed(2)} KB`;
  console.log(`content script size: ${kb(f.size.gzipBytes)} gzip (goal ≤ ${kb(g.sizeGzipBytes)}) ${verdict(f.size.gzipBytes <= g.sizeGzipBytes)} [${f.size.source}]`);
  if (existsSync(WXT_LATE)) console.log(`  + late half on a candidate discharge screen (content-late.js): ${kb(gzipSync(readFileSync(WXT_LATE), { level: 9 }).length)} gzip`);
  const m = f.mount;
  console.log(`section rendered → overlay mounted: median ${m.medianMs.toFixed(2)} ms, p95 ${m.p95Ms.toFixed(2)} ms, max ${m.maxMs.toFixed(2)} ms over ${m.runs} runs (goal ≤ ${g.mountMs.toFixed(1)} ms) ${verdict(m.p95Ms <= g.mountMs)}; mounted before the first paint in ${m.sameFrame}/${m.runs} runs`);
  const { idle, shown, control } = f.churn;
  const perSec = (c: ChurnFigures): string => `${c.detectorMsPerSecond.toFixed(2)} ms/s`;
  console.log(`detector main-thread time, ${idle.elements} elements, ${idle.mutationsPerSecond} mutations/s for ${idle.seconds} s: ${perSec(idle)} searching, ${perSec(shown)} with the overlay shown (goal ≤ ${g.detectorMsPerSecond} ms/s) ${verdict(Math.max(idle.detectorMsPerSecond, shown.detectorMsPerSecond) <= g.detectorMsPerSecond)}; startup scan ${idle.startupMs.toFixed(2)} ms`);
  const over = (c: ChurnFigures): string => `${((c.scriptMs - control.scriptMs) / c.seconds).toFixed(2)} ms/s`;
  console.log(`  control (Chromium ScriptDuration vs the same page without the script): +${over(idle)} searching, +${over(shown)} shown (whole-page ScriptDuration, noisy on a loaded machine); long tasks ${control.longTasks} without, ${idle.longTasks} / ${shown.longTasks} with`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printContentFigures(await runContentBench());
}
