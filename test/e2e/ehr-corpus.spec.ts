// The BUILT extension over every page of the EHR screen corpus
// (test/fixtures/ehr-screens), in Chromium. Pages are served from a loopback origin
// the test build's content script matches (Playwright answers the requests from the
// corpus files; nothing listens there). For each discharge screen: the overlay
// appears and the context the content script sent the background has the sidecar's
// name, MRN, DOB, discharge time and address. For each silent page: no overlay and no
// message; then a control discharge section is added to the same page and must be
// detected, which proves the content script was running and watching all along.
// A per-page result table is printed at the end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { corpusPages, CORPUS_DIR, expectedContext, type CorpusPage } from '../../extension/content/test-fixtures';
import { expect, test } from './support/extension';

const ORIGIN = `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 5173}`;
const BASE = `${ORIGIN}/__ehr-corpus__/`;

interface Seen { url: string; context: Record<string, string> }
type ChromeInWorker = { runtime: { onMessage: { addListener(fn: (m: { type?: string; context?: Record<string, string> }, s: { url?: string }) => void): void } } };

/** Records every discharge-screen message the background receives (the background still answers it). */
async function recordMessages(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const g = globalThis as unknown as { chrome: ChromeInWorker; corpusSeen?: Seen[] };
    if (g.corpusSeen) return;
    g.corpusSeen = [];
    g.chrome.runtime.onMessage.addListener((m, sender) => {
      if (m?.type === 'discharge-screen' && m.context) g.corpusSeen?.push({ url: sender.url ?? '', context: m.context });
    });
  });
}

const seenFor = (worker: Worker, url: string): Promise<Seen[]> =>
  worker.evaluate((u) => ((globalThis as unknown as { corpusSeen?: Seen[] }).corpusSeen ?? []).filter((s) => s.url.startsWith(u)), url);

/** Overlays anywhere in the page: light DOM, open shadow roots, same-origin frames. */
const overlays = (page: Page): Promise<number> => page.evaluate(() => {
  const count = (root: Document | ShadowRoot): number => {
    let n = root.querySelectorAll('[data-carerelay-overlay]').length;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) n += count(el.shadowRoot);
      if (el instanceof HTMLIFrameElement && el.contentDocument) n += count(el.contentDocument);
    }
    return n;
  };
  return count(document);
});

const CONTROL = { patientName: 'Control Patient', mrn: 'CTRL-0001', birthDate: '1970-01-01' };

const rows: { page: string; kind: string; result: string; detail: string }[] = [];

test.beforeEach(async ({ context }) => {
  await context.route(`${BASE}**`, async (route) => {
    const file = new URL(route.request().url()).pathname.replace('/__ehr-corpus__/', '');
    if (!/^[\w.-]+\.html$/.test(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(join(CORPUS_DIR, file), 'utf8') });
  });
});

test.afterAll(() => {
  const pad = (s: string, n: number) => s.padEnd(n).slice(0, n);
  console.log(`\nEHR screen corpus, built extension in Chromium (${rows.length} pages)`);
  console.log(`${pad('page', 28)} ${pad('kind', 9)} ${pad('result', 7)} detail`);
  for (const r of rows) console.log(`${pad(r.page, 28)} ${pad(r.kind, 9)} ${pad(r.result, 7)} ${r.detail}`);
  const passed = rows.filter((r) => r.result === 'ok').length;
  console.log(`${passed}/${rows.length} pages as expected\n`);
});

const pages = corpusPages();

async function discharge(page: Page, worker: Worker, p: CorpusPage): Promise<string> {
  await page.goto(BASE + p.file);
  if (p.click) {
    // Before the click the screen is not shown (a tab not selected, another route).
    expect(await overlays(page)).toBe(0);
    await page.locator(p.click).click();
  }
  await expect.poll(() => overlays(page), { message: `overlay on ${p.file}` }).toBe(1);
  const want = expectedContext(p);
  await expect.poll(async () => (await seenFor(worker, BASE + p.file)).at(-1)?.context, { message: `context from ${p.file}` }).toMatchObject(want);
  return Object.values(want).join(' | ');
}

async function silent(page: Page, worker: Worker, p: CorpusPage): Promise<string> {
  await page.goto(BASE + p.file);
  await page.evaluate((c) => {
    const section = document.createElement('section');
    section.setAttribute('aria-label', 'Discharge planning');
    section.innerHTML = `<dl><dt>Name</dt><dd>${c.patientName}</dd><dt>MRN</dt><dd>${c.mrn}</dd><dt>DOB</dt><dd>${c.birthDate}</dd></dl>`;
    document.body.append(section);
  }, CONTROL);
  // The control is detected: the script ran; it sent nothing for the page itself.
  await expect.poll(async () => (await seenFor(worker, BASE + p.file)).length, { message: `control on ${p.file}` }).toBeGreaterThan(0);
  const seen = await seenFor(worker, BASE + p.file);
  expect(seen.map((s) => s.context.mrn), `messages from ${p.file}`).toEqual(seen.map(() => CONTROL.mrn));
  expect(await overlays(page)).toBe(1);
  return `0 overlays, 0 messages before the control; control detected (${seen.length} message${seen.length > 1 ? 's' : ''})`;
}

for (const p of pages) {
  test(`${p.kind === 'discharge' ? 'detects' : 'stays silent on'} ${p.file}`, async ({ context, worker }) => {
    await recordMessages(worker);
    const page = await context.newPage();
    try {
      const detail = p.kind === 'discharge' ? await discharge(page, worker, p) : await silent(page, worker, p);
      rows.push({ page: p.file, kind: p.kind, result: 'ok', detail });
    } catch (e) {
      rows.push({ page: p.file, kind: p.kind, result: 'FAILED', detail: String(e).split('\n')[0] ?? '' });
      throw e;
    }
  });
}
