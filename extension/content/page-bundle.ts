// Dev tooling, never part of the extension: bundles the content script with
// esbuild, (1) for injection into a plain Chromium page, where a stub
// chrome.runtime.sendMessage stands in for the background, and (2) the way WXT
// wraps it, to measure its shipped size before a WXT build exists.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

async function bundle(contents: string, define: Record<string, string> = {}): Promise<string> {
  const out = await build({
    stdin: { contents, resolveDir: HERE, loader: 'ts', sourcefile: 'page-entry.ts' },
    bundle: true, minify: true, format: 'iife', target: 'chrome116', write: false, logLevel: 'silent', define,
  });
  return out.outputFiles[0]?.text ?? '';
}

/**
 * Runs startContent on page load and exposes its cost counters and stop function
 * as window.__careRelay. `shadowMode: 'open'` lets a test run axe over the overlay.
 */
export function bundleForPage(shadowMode: ShadowRootMode = 'closed'): Promise<string> {
  return bundle(`
    import { startContent } from './content-app';
    import { late } from './late';
    import { provideLate } from './lazy';
    provideLate(late);
    const stats = { busyMs: 0 };
    const stop = startContent({ send: (m) => globalThis.chrome.runtime.sendMessage(m), stats, shadowMode: ${JSON.stringify(shadowMode)} });
    globalThis.__careRelay = { stats, stop };
  `);
}

/** The entrypoint inside WXT's runtime wrapper (with lite-context.ts, as wxt.config.ts aliases it), minified. */
export function bundleLikeWxt(): Promise<string> {
  return bundle(`
    import definition from '../entrypoints/content';
    import { ContentScriptContext } from './lite-context';
    const { main, ...options } = definition;
    main(new ContentScriptContext('content', options));
  `, { 'import.meta.env.MODE': '"production"', 'import.meta.env.ENTRYPOINT': '"content"' });
}

export const OVERLAY_SELECTOR = '[data-carerelay-overlay]';
export const AXE_PATH = join(HERE, '../../node_modules/axe-core/axe.min.js');
