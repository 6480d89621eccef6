// @vitest-environment jsdom
// The watcher (detector + extractor) over every page of the EHR screen corpus
// (test/fixtures/ehr-screens): each discharge screen is found with the context its
// sidecar names; each silent page stays silent. Pages run their own scripts (late
// renders, custom elements, tabs, routes) in jsdom; the e2e runs the same corpus in
// Chromium with the built extension.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { late } from './late';
import { provideLate } from './lazy';
import type { DischargeContext } from '../messages';
import { corpusHtml, corpusPages, expectedContext, type CorpusPage } from './test-fixtures';
import { watchDischarge } from './watcher';


// The late half is loaded up front here; lazy loading is the built extension's (e2e).
provideLate(late);
let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.replaceChildren();
  history.replaceState(null, '', '/');
});

function runScripts(doc: Document, html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const scripts = [...parsed.querySelectorAll('script')].map((s) => s.textContent ?? '');
  parsed.querySelectorAll('script').forEach((s) => s.remove());
  doc.body.replaceChildren(...[...parsed.body.childNodes].map((n) => doc.importNode(n, true)));
  const win = doc.defaultView as unknown as { Function: FunctionConstructor };
  for (const code of scripts) new win.Function(code)();
}

/** Loads a page into the live document; a framed page's frame gets its file written in (jsdom loads no src). */
function load(page: CorpusPage): void {
  runScripts(document, corpusHtml(page.file));
  if (page.frame) {
    const frame = document.querySelector(page.frame) as HTMLIFrameElement;
    const inner = frame.contentDocument as Document;
    inner.open();
    inner.write(corpusHtml(frame.getAttribute('src') ?? ''));
    inner.close();
  }
}

function watch(): DischargeContext[] {
  const seen: DischargeContext[] = [];
  stop = watchDischarge(document, { show: (d) => seen.push(d.context), hide: () => undefined });
  return seen;
}

const pages = corpusPages();

describe('the EHR screen corpus', () => {
  it('holds at least 12 discharge screens and 12 silent pages, each with a sidecar', () => {
    expect(pages.filter((p) => p.kind === 'discharge').length).toBeGreaterThanOrEqual(12);
    expect(pages.filter((p) => p.kind === 'silent').length).toBeGreaterThanOrEqual(12);
  });

  for (const page of pages.filter((p) => p.kind === 'discharge')) {
    it(`detects ${page.file} (${page.built ?? ''}) with the right context`, async () => {
      if (page.frame) {
        load(page);
        const seen = watch();
        (document.querySelector(page.frame) as HTMLIFrameElement).dispatchEvent(new Event('load'));
        await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0), { timeout: 3000 });
        expect(seen.at(-1)).toMatchObject(expectedContext(page));
        return;
      }
      load(page);
      const seen = watch();
      if (page.click) {
        await new Promise((r) => setTimeout(r, 50));
        expect(seen, 'nothing before the click').toEqual([]);
        (document.querySelector(page.click) as HTMLElement).click();
      }
      await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0), { timeout: 3000 });
      expect(seen.at(-1)).toMatchObject({ source: 'generic', ...expectedContext(page) });
    });
  }

  for (const page of pages.filter((p) => p.kind === 'silent')) {
    it(`stays silent on ${page.file} (${page.why ?? ''})`, async () => {
      load(page);
      const seen = watch();
      // Mutations after load must not wake it either.
      document.body.append(document.createElement('div'));
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([]);
    });
  }
});
