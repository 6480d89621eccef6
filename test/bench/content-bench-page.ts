// The in-page halves of the content bench: the 20,000-element churn page and the
// measurements that run inside Chromium (performance.now, rAF, CDP metrics).
import type { Page } from '@playwright/test';

export interface MountFigures { runs: number; medianMs: number; p95Ms: number; maxMs: number; sameFrame: number }
export interface ChurnFigures {
  elements: number; seconds: number; mutationsPerSecond: number;
  detectorMsPerSecond: number; startupMs: number; scriptMs: number; longTasks: number;
}

interface BenchGlobals { __careRelay?: { stats: { busyMs: number } } }

const OVERLAY = '[data-carerelay-overlay]';

/** ~20,000 elements of results grid and list, with `section` (maybe empty) on top. */
export function churnPage(section: string): string {
  const cells = (r: number) => Array.from({ length: 10 }, (_, c) => `<span>r${r}c${c}</span>`).join('');
  const rows = Array.from({ length: 1500 }, (_, r) => `<div class="row">${cells(r)}</div>`).join('');
  const items = Array.from({ length: 1500 }, (_, i) => `<li><span>Note ${i}</span></li>`).join('');
  // A div grid in contained scroll boxes, as web EHR worklists are built, so a change
  // re-lays out one box rather than the page and the driver can keep its pace.
  return `<!doctype html><html><head><style>
.box{height:300px;overflow:auto;contain:strict}.row,li{content-visibility:auto;contain-intrinsic-size:auto 18px}.row{display:flex;gap:4px}
</style></head><body>
<header><h1>Results review</h1><dl><dt>MRN</dt><dd>MRN-1</dd><dt>DOB</dt><dd>1950-01-01</dd></dl></header>
<main>${section}<h2>Results</h2><div class="box" id="rows" role="grid">${rows}</div>
<div class="box"><ul id="notes">${items}</ul></div><div id="toasts"></div></main>
</body></html>`;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Inserts the discharge section `runs` times and times each overlay mount. */
export async function measureMounts(page: Page, section: string, runs: number): Promise<MountFigures> {
  const samples = await page.evaluate(async ({ section, runs, overlay }) => {
    const out: { ms: number; sameFrame: boolean }[] = [];
    const holder = document.getElementById('holder') as HTMLElement;
    const until = async (ok: () => boolean) => { while (!ok()) await new Promise((r) => setTimeout(r, 5)); };
    for (let i = 0; i < runs; i++) {
      await new Promise((r) => setTimeout(r, 30));
      let mountedAt = 0;
      let sameFrame = false;
      // Created after the content script's observer, so its rAF runs after the
      // script's in the same frame: if the overlay exists then, it was in that frame's paint.
      const watch = new MutationObserver(() => {
        if (!mountedAt && document.querySelector(overlay)) mountedAt = performance.now();
      });
      watch.observe(document.body, { childList: true, subtree: true });
      const once = new MutationObserver(() => {
        once.disconnect();
        requestAnimationFrame(() => { sameFrame = !!document.querySelector(overlay); });
      });
      once.observe(holder, { childList: true });
      const t0 = performance.now();
      holder.innerHTML = section.replace('pat-001', `pat-${i}`);
      await until(() => mountedAt > 0);
      watch.disconnect();
      out.push({ ms: mountedAt - t0, sameFrame });
      holder.replaceChildren();
      await until(() => !document.querySelector(overlay));
    }
    return out;
  }, { section, runs, overlay: OVERLAY });
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { runs, medianMs: quantile(ms, 0.5), p95Ms: quantile(ms, 0.95), maxMs: ms[ms.length - 1] ?? NaN, sameFrame: samples.filter((s) => s.sameFrame).length };
}

/** `perSecond` DOM changes for `ms`: rows added and removed, cells edited, toasts with headings. */
export async function measureChurn(page: Page, ms: number, perSecond: number): Promise<ChurnFigures> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const scriptDuration = async (): Promise<number> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
  };
  const startupMs = await page.evaluate(() => (globalThis as BenchGlobals).__careRelay?.stats.busyMs ?? 0);
  const before = await scriptDuration();
  const run = await page.evaluate(async ({ ms, perSecond }) => {
    const stats = (globalThis as BenchGlobals).__careRelay?.stats;
    if (stats) stats.busyMs = 0;
    let longTasks = 0;
    new PerformanceObserver((l) => { longTasks += l.getEntries().length; }).observe({ type: 'longtask' });
    const rows = document.getElementById('rows') as HTMLElement;
    const toasts = document.getElementById('toasts') as HTMLElement;
    let n = 0;
    const step = (): void => {
      const k = n++;
      if (k % 4 === 0) rows.insertAdjacentHTML('beforeend', `<div class="row">${'<span>new</span>'.repeat(10)}</div>`);
      else if (k % 4 === 1) rows.firstElementChild?.remove();
      else if (k % 4 === 2) { const cell = rows.children[k % 1000]?.firstElementChild; if (cell) cell.textContent = `v${k}`; }
      else toasts.innerHTML = `<div><h4>${k % 8 === 3 ? 'Discharge summary received' : 'Result updated'}</h4><p>Comment: purulent discharge noted ${k}</p></div>`;
    };
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      // Catch up when the page's own rendering delays the timer, so the page really
      // changes `perSecond` times a second (late ticks apply several changes at once).
      const timer = setInterval(() => {
        const elapsed = performance.now() - t0;
        while (n < Math.floor((Math.min(elapsed, ms) * perSecond) / 1000)) step();
        if (elapsed >= ms) { clearInterval(timer); resolve(); }
      }, 1000 / perSecond);
    });
    await new Promise((r) => setTimeout(r, 300));
    return { seconds: (performance.now() - t0) / 1000, mutations: n, busyMs: stats?.busyMs ?? 0, longTasks, elements: document.getElementsByTagName('*').length };
  }, { ms, perSecond });
  const scriptMs = (await scriptDuration()) - before;
  await cdp.detach();
  return {
    elements: run.elements, seconds: run.seconds, mutationsPerSecond: Math.round(run.mutations / run.seconds),
    detectorMsPerSecond: run.busyMs / run.seconds, startupMs, scriptMs, longTasks: run.longTasks,
  };
}
