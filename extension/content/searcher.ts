// The search half of the watcher: turns queued added nodes into candidates and
// evaluates each at most once, plus a few bounded retries for a title whose
// fields render after it (an SPA skeleton). A page with a "Discharge planning"
// title but no single patient therefore costs a handful of extractions, not one
// per frame. Subtrees whose text names no discharge wording cost one textContent.
import { late } from './lazy';
import { ANCHOR_WORDS, SANDBOX_SELECTOR, isAnchor, shadowRootsIn, titlesIn, type Detection } from './titles';

const MAX_RETRIES = 10;

export interface Searcher {
  /** Candidates in and around these added nodes; undefined when none matched. */
  search(nodes: readonly Node[], onShadow?: (root: ShadowRoot) => void): Detection | undefined;
  /** Re-evaluates anchors still waiting for their fields (cheap when none wait). */
  retry(): Detection | undefined;
  /** Candidates in elements whose visibility or selection changed: evaluated again even if seen. */
  refresh(nodes: readonly Node[], onShadow?: (root: ShadowRoot) => void): Detection | undefined;
}

/** Elements matching a selector in and at an added node. */
export function candidatesIn(node: Node, selector: string, out: Set<Element>): void {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el?.isConnected) return;
  if (el.matches(selector)) out.add(el);
  if (el.firstElementChild) for (const c of el.querySelectorAll(selector)) out.add(c);
}

/** The candidates an added node brings: a title it fills in (text), its subtree's titles, its shadow roots'. */
export function titleCandidates(node: Node, out: Set<Element>, onShadow?: (root: ShadowRoot) => void): void {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el?.isConnected) return;
  // Text or a leaf can be filling in an existing title; a subtree brings its own.
  // (Only when its text holds a discharge word: one regex test for most changes.)
  if ((node !== el || !el.firstElementChild) && ANCHOR_WORDS.test(el.textContent ?? '')) {
    for (let at: Element | null = el, up = 0; at && up < 2; at = at.parentElement, up++) if (isAnchor(at)) out.add(at);
  }
  if (node === el) {
    titlesIn(el, out);
    if (el.matches(SANDBOX_SELECTOR) || isAnchor(el)) out.add(el);
    const roots: ShadowRoot[] = [];
    shadowRootsIn(el, roots);
    for (const r of roots) { onShadow?.(r); titlesIn(r, out); }
  }
}

/** `needLate`: a candidate was seen before the late half (the detector's decision) is loaded. */
export function createSearcher(needLate: () => void = () => undefined): Searcher {
  const tries = new WeakMap<Element, number>();
  const waiting = new Set<Element>();

  const attempt = (el: Element): Detection | undefined => {
    const impl = late();
    if (!impl) {
      needLate();
      return undefined;
    }
    const found = impl.evaluateCandidate(el);
    if (found) {
      waiting.clear();
      return found;
    }
    if (!tries.has(el) && isAnchor(el)) {
      tries.set(el, 0);
      waiting.add(el);
    }
    return undefined;
  };

  /** Sandbox roots first; `again` evaluates candidates seen before (a rescan, a flipped tab). */
  const pick = (nodes: readonly Node[], again: boolean, onShadow?: (root: ShadowRoot) => void): Detection | undefined => {
    const candidates = new Set<Element>();
    for (const n of nodes) titleCandidates(n, candidates, onShadow);
    for (const el of candidates) if (el.matches(SANDBOX_SELECTOR)) return attempt(el) ?? undefined;
    for (const el of candidates) {
      if (again) tries.delete(el);
      else if (tries.has(el)) continue;
      const found = attempt(el);
      if (found) return found;
    }
    return undefined;
  };

  return {
    search: (nodes, onShadow) => pick(nodes, false, onShadow),
    refresh: (nodes, onShadow) => pick(nodes, true, onShadow),
    retry() {
      for (const el of waiting) {
        const n = (tries.get(el) ?? 0) + 1;
        tries.set(el, n);
        if (!el.isConnected || n > MAX_RETRIES) {
          waiting.delete(el);
          continue;
        }
        const found = attempt(el);
        if (found) return found;
      }
      return undefined;
    },
  };
}
