// Content script entrypoint: wiring only. The logic lives in extension/content/.
// The manifest runs it on the sandbox EHR (loopback); the background registers it
// for the admin's other EHR origins at runtime (background/content-registration.ts).
// WXT's ContentScriptContext is swapped for content/lite-context.ts (wxt.config.ts).
// The late half (lexicon, extractor, overlay) is imported on the first candidate
// screen from the extension's own file (entrypoints/content-late.ts).
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_LATE_FILE, LATE_GLOBAL, MANIFEST_CONTENT_MATCHES } from '../content-matches';
import { startContent } from '../content/content-app';
import type { Late } from '../content/late';
import { setLateLoader } from '../content/lazy';

export default defineContentScript({
  matches: MANIFEST_CONTENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    setLateLoader(async () => {
      await import(/* @vite-ignore */ browser.runtime.getURL(`/${CONTENT_LATE_FILE}`));
      return (globalThis as unknown as Record<string, Late | undefined>)[LATE_GLOBAL];
    });
    const stop = startContent({ send: (message) => browser.runtime.sendMessage(message) });
    ctx.onInvalidated(stop);
  },
});
