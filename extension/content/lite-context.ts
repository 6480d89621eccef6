// Stands in for wxt/utils/content-script-context in the content script bundle
// (wxt.config.ts aliases it): WXT's class (AbortController, timers, location
// watcher, postMessage) costs ~0.8 KB gzip and we use only onInvalidated. Kept
// from it: a newer copy of the script in the same page (extension reloaded, or
// injected by both the manifest and a runtime registration) stops the older one.
export class ContentScriptContext {
  private readonly type: string;

  constructor(name: string) {
    this.type = `${(globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id}:content:${name}`;
    document.dispatchEvent(new CustomEvent(this.type));
  }

  /** Runs `cb` once, when a newer copy of this content script starts in the page. */
  onInvalidated(cb: () => void): void {
    document.addEventListener(this.type, () => cb(), { once: true });
  }
}
