// Content script entrypoint: wiring only. The logic lives in extension/content/.
// The manifest runs it on the sandbox EHR (loopback); the background registers it
// for the admin's other EHR origins at runtime (background/content-registration.ts).
// WXT's ContentScriptContext is swapped for content/lite-context.ts (wxt.config.ts).
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { MANIFEST_CONTENT_MATCHES } from '../content-matches';
import { startContent } from '../content/content-app';

export default defineContentScript({
  matches: MANIFEST_CONTENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const stop = startContent({ send: (message) => browser.runtime.sendMessage(message) });
    ctx.onInvalidated(stop);
  },
});
