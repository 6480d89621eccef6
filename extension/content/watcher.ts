// Watches a page for a discharge screen at next to no cost. The observer callback
// only queues added nodes (O(added)); matching runs once per animation frame over
// those nodes' subtrees, never the whole document. Once a screen is shown the
// callback drops to O(1) (a flag and a frame) — except after a generic match, which
// keeps looking at added nodes for the sandbox's more precise markup. Open shadow
// roots are observed as they appear, same-origin frames get a watcher of their own,
// and a tab switch (aria-selected / hidden flipping) is re-evaluated.
import { late, loadLate } from './lazy';
import { SANDBOX_SELECTOR, isHidden, type Detection } from './titles';
import { candidatesIn, createSearcher } from './searcher';

export interface WatchHandlers {
  show(detection: Detection): void;
  hide(): void;
}

/** Main-thread time the watcher spent, for the bench. */
export interface CostStats { busyMs: number }

// Past this many queued nodes a single rescan is cheaper than the queue.
const MAX_QUEUE = 5000;
// Waiting anchors and changed sections are re-read at this pace, not per frame.
const SETTLE_MS = 250;
// Added nodes, plus the two attributes a tab switch or a collapsed section flips.
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-selected', 'hidden'] };

export function watchDischarge(doc: Document, handlers: WatchHandlers, stats?: CostStats): () => void {
  const win = doc.defaultView ?? window;
  // The first candidate loads the late half; then the whole page is looked at again.
  let asked = false;
  let stopped = false;
  const searcher = createSearcher(() => {
    if (asked) return;
    asked = true;
    void loadLate().then((impl) => {
      asked = false;
      if (impl && !current && !stopped) timed(rescan)();
    });
  });
  const evaluate = (el: Element): Detection | undefined => late()?.evaluateCandidate(el);
  let current: Detection | undefined;
  let queue: Node[] = [];
  let changed: Node[] = [];
  const frames = new Map<Element, () => void>();
  const observed = new WeakSet<Node>();
  let overflow = false;
  let frameQueued = false;
  let href = win.location.href;
  const timers = { retry: 0, reread: 0 };
  let sectionObserver: MutationObserver | undefined;

  const timed = <A extends unknown[]>(fn: (...a: A) => void) => (...args: A): void => {
    if (!stats) return fn(...args);
    const t0 = performance.now();
    try { fn(...args); } finally { stats.busyMs += performance.now() - t0; }
  };
  const later = (key: keyof typeof timers, fn: () => void): void => {
    if (timers[key]) return;
    timers[key] = win.setTimeout(timed(() => { timers[key] = 0; fn(); }), SETTLE_MS);
  };

  const show = (next: Detection): void => {
    if (current?.section === next.section && late()?.sameContext(current.context, next.context)) return;
    if (current?.section !== next.section) {
      sectionObserver?.disconnect();
      // In-place re-renders (same element, another patient) change the section's own subtree.
      sectionObserver = new MutationObserver(() => later('reread', reread));
      sectionObserver.observe(next.section, { childList: true, subtree: true, characterData: true });
    }
    current = next;
    handlers.show(next);
  };

  const lose = (): void => {
    sectionObserver?.disconnect();
    sectionObserver = undefined;
    current = undefined;
    handlers.hide();
  };

  const observeRoot = (root: ShadowRoot): void => {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, OBSERVE);
  };

  /** A same-origin frame gets its own watcher (our script runs in the top frame only). */
  const watchFrame = (frame: Element): void => {
    if (frames.has(frame)) return;
    let stopInner = (): void => {};
    const start = (): void => {
      stopInner();
      stopInner = () => {};
      let inner: Document | null;
      // A cross-origin frame has no contentDocument (null, or a throw in some engines).
      try { inner = (frame as HTMLIFrameElement).contentDocument; } catch { inner = null; }
      if (inner?.documentElement && inner !== doc) stopInner = watchDischarge(inner, handlers, stats);
    };
    frame.addEventListener('load', start);
    frames.set(frame, () => { frame.removeEventListener('load', start); stopInner(); });
    start();
  };
  const framesIn = (nodes: Iterable<Node>): void => {
    for (const n of nodes) {
      if (n.nodeType !== 1) continue;
      const el = n as Element;
      if (el.matches('iframe,frame')) watchFrame(el);
      else if (el.firstElementChild) for (const f of el.querySelectorAll('iframe,frame')) watchFrame(f);
    }
  };

  const rescan = (): void => {
    framesIn([doc.documentElement]);
    // Titles whose fields are not there yet wait in the searcher for later mutations.
    const found = searcher.refresh([doc.documentElement], observeRoot);
    if (found) show(found);
  };

  function reread(): void {
    if (!current) return;
    const again = evaluate(current.anchor);
    if (again) return show(again);
    lose();
    rescan();
  }

  const search = (nodes: Node[]): void => {
    if (overflow) {
      overflow = false;
      return rescan();
    }
    framesIn(nodes);
    const found = searcher.search(nodes, observeRoot);
    if (found) return show(found);
    if (nodes.length) later('retry', () => { const f = searcher.retry(); if (f && !current) show(f); });
  };

  const recheck = (shown: Detection, nodes: Node[], flipped: Node[]): void => {
    if (!shown.section.isConnected || !shown.anchor.isConnected || (flipped.length > 0 && isHidden(shown.section))) {
      lose();
      return rescan();
    }
    if (win.location.href !== href) {
      href = win.location.href;
      later('reread', reread);
    }
    if (shown.context.source !== 'generic') return;
    const upgrades = new Set<Element>();
    for (const n of nodes) candidatesIn(n, SANDBOX_SELECTOR, upgrades);
    for (const el of upgrades) {
      const found = evaluate(el);
      if (found) return show(found);
    }
  };

  const onFrame = timed(() => {
    frameQueued = false;
    const nodes = queue;
    const flipped = changed;
    queue = [];
    changed = [];
    if (current) return recheck(current, nodes, flipped);
    if (flipped.length) {
      const found = searcher.refresh(flipped);
      if (found) return show(found);
    }
    search(nodes);
  });

  const schedule = (): void => {
    if (frameQueued) return;
    frameQueued = true;
    // rAF runs before the next paint, so a match shows its overlay in the same frame.
    win.requestAnimationFrame(onFrame);
  };

  const observer = new MutationObserver(timed((records: MutationRecord[]) => {
    // Shown sandbox screen: O(1) per batch, and no frame at all while it stays put.
    if (current?.context.source === 'sandbox' && current.section.isConnected && win.location.href === href) return;
    if ((!current || current.context.source === 'generic') && !overflow) {
      for (const r of records) {
        if (r.type === 'attributes') { changed.push(r.target); continue; }
        const added = r.addedNodes;
        for (let i = 0; i < added.length; i++) queue.push(added[i] as Node);
      }
      if (queue.length > MAX_QUEUE) { overflow = true; queue = []; }
    }
    schedule();
  }));

  observer.observe(doc.documentElement, OBSERVE);
  win.addEventListener('popstate', schedule);
  win.addEventListener('hashchange', schedule);
  timed(rescan)();

  return () => {
    stopped = true;
    observer.disconnect();
    sectionObserver?.disconnect();
    for (const stop of frames.values()) stop();
    win.clearTimeout(timers.retry);
    win.clearTimeout(timers.reread);
    win.removeEventListener('popstate', schedule);
    win.removeEventListener('hashchange', schedule);
    if (current) lose();
  };
}
