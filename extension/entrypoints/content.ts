// Content script entrypoint: wiring only. The logic lives in extension/content/.
// It matches the sandbox EHR; the background can register further EHR origins at
// runtime (chrome.scripting) once an administrator grants them.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../content/content-app';

export default defineContentScript({
  matches: ['http://localhost/*', 'http://127.0.0.1/*'],
  runAt: 'document_idle',
  main(ctx) {
    const stop = startContent({ send: (message) => browser.runtime.sendMessage(message) });
    ctx.onInvalidated(stop);
  },
});
