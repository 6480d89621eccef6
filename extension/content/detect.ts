// Decides whether a candidate (titles.ts) is a discharge screen. Loaded once a
// candidate is seen (late.ts): it needs the label lexicon and the extractor. A
// candidate counts only when patient identity (name, MRN, DOB, visit) sits near it,
// when the screen shows one patient (a census or worklist stays silent) and when it
// is not a signed document (a discharge summary or note that was signed). A plain
// element whose text is a field label ("Anticipated D/C") is a label, not a title.
import type { DischargeContext } from '../messages';
import { extractGeneric, extractSandbox, identityScore } from './extract';
import { fieldForLabel } from './labels';
import {
  HEADING_LIKE, SANDBOX_SELECTOR, SECTION_SELECTOR, clean, closestAcross, isAnchor, isHidden, namedRegion, parentOf,
  shadowRootsIn, titlesIn, type Detection,
} from './titles';

export type { Detection };
const SIGNED = /\b(electronically signed|e-?signed|signed by|signed on|attested by|co-?signed|authenticated by)\b/i;
// How far above the section identity fields may sit (e.g. a patient banner).
const MAX_CLIMB = 4;
const MIN_IDENTITY = 2;
const FULL_IDENTITY = 3;

/**
 * Climbs from the anchor's region while identity is incomplete, so a patient banner
 * above the discharge form still counts. Inner fields win over outer ones; the
 * patient count is the outermost container's.
 */
function climb(start: Element): { context: DischargeContext; patients: number; container: Element } {
  let container = start;
  let { context, patients } = extractGeneric(start);
  for (let i = 0; i < MAX_CLIMB && identityScore(context) < FULL_IDENTITY; i++) {
    const parent = parentOf(container);
    if (!parent || container === container.ownerDocument.body) break;
    container = parent;
    const outer = extractGeneric(parent);
    context = { ...outer.context, ...context };
    patients = Math.max(patients, outer.patients);
  }
  return { context, patients, container };
}

/** Full evaluation of one candidate; undefined when it is not a discharge screen. */
export function evaluateCandidate(el: Element): Detection | undefined {
  if (!el.isConnected) return undefined;
  if (el.matches(SANDBOX_SELECTOR)) return { section: el, anchor: el, context: extractSandbox(el) };
  if (!isAnchor(el)) return undefined;
  const named = namedRegion(el);
  if (!named && !el.matches(HEADING_LIKE) && fieldForLabel(clean(el.textContent))) return undefined;
  const region = named?.region ?? closestAcross(el, SECTION_SELECTOR);
  const section = region ?? parentOf(el) ?? el;
  if (isHidden(section) || isHidden(el)) return undefined;
  const { context, patients, container } = climb(section);
  if (identityScore(context) < MIN_IDENTITY || patients > 1) return undefined;
  if (SIGNED.test(container.textContent ?? '')) return undefined;
  // A bar inside a table row would break the layout: sit before the whole table.
  return { section: section.closest('table') ?? section, anchor: el, context };
}

/** One pass over a subtree (the initial page, or after the screen was lost), shadow roots included. */
export function scanSubtree(root: Document | Element | ShadowRoot): Detection | undefined {
  const sandbox = root.querySelector(SANDBOX_SELECTOR);
  if (sandbox) return evaluateCandidate(sandbox);
  const roots: (Document | Element | ShadowRoot)[] = [root];
  const top = root.nodeType === 9 ? (root as Document).documentElement : root;
  if (top) shadowRootsIn(top as Node, roots as ShadowRoot[]);
  for (const r of roots) {
    const candidates = new Set<Element>();
    titlesIn(r, candidates);
    for (const el of candidates) {
      const found = evaluateCandidate(el);
      if (found) return found;
    }
  }
  return undefined;
}
