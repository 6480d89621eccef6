// The search half of the watcher: turns queued added nodes into candidates and
// evaluates each at most once, plus a few bounded retries for a heading whose
// fields render after it (an SPA skeleton). A page with a "Discharge worklist"
// heading but no single patient therefore costs a handful of extractions, not one
// per frame.
import { CANDIDATE_SELECTOR, HEADINGS, SANDBOX_SELECTOR, evaluateCandidate, isAnchor, type Detection } from './detect';

const MAX_RETRIES = 10;

export interface Searcher {
  /** Candidates in and around these added nodes; undefined when none matched. */
  search(nodes: readonly Node[]): Detection | undefined;
  /** Re-evaluates anchors still waiting for their fields (cheap when none wait). */
  retry(): Detection | undefined;
}

/** The candidates an added node brings: itself, its heading (text filled in later), its subtree. */
export function candidatesIn(node: Node, selector: string, out: Set<Element>): void {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el?.isConnected) return;
  // Only text or a leaf can be filling in an existing heading; a subtree brings its own.
  const filling = selector === CANDIDATE_SELECTOR && (node !== el || !el.firstElementChild);
  const own = el.matches(selector) ? el : filling ? el.closest(HEADINGS) : null;
  if (own) out.add(own);
  if (el.firstElementChild) for (const c of el.querySelectorAll(selector)) out.add(c);
}

export function createSearcher(): Searcher {
  const tries = new WeakMap<Element, number>();
  const waiting = new Set<Element>();

  const attempt = (el: Element): Detection | undefined => {
    const found = evaluateCandidate(el);
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

  return {
    search(nodes) {
      const candidates = new Set<Element>();
      for (const n of nodes) candidatesIn(n, CANDIDATE_SELECTOR, candidates);
      for (const el of candidates) if (el.matches(SANDBOX_SELECTOR)) return attempt(el) ?? undefined;
      for (const el of candidates) {
        if (tries.has(el)) continue;
        const found = attempt(el);
        if (found) return found;
      }
      return undefined;
    },
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
