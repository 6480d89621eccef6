// Decides whether an element marks a discharge screen. Candidates are cheap to
// recognise by selector (the sandbox root, headings, labelled regions); only a
// candidate whose wording says "discharge"/"disposition" pays for an extraction,
// and it counts only when patient identity (name, MRN, DOB, visit) sits near it.
import type { DischargeContext } from '../messages';
import { extractGeneric, extractSandbox, identityScore } from './extract';

export const SANDBOX_SELECTOR = '[data-ehr-screen="discharge"]';
export const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role="heading"],legend';
const REGIONS = ['section', 'form', '[role="region"]', '[role="tabpanel"]', '[role="form"]', '[role="dialog"]'];
const LABELLED_REGIONS = REGIONS.map((r) => `${r}[aria-label]`).join(',');
export const CANDIDATE_SELECTOR = `${SANDBOX_SELECTOR},${HEADINGS},${LABELLED_REGIONS}`;
const SECTION_SELECTOR = `${REGIONS.join(',')},article,fieldset,main,[role="main"]`;

const ANCHOR_WORDS = /\b(discharge|disposition)\b/i;
// Documents and orders about a discharge are not the screen where it is planned.
const NOT_THE_SCREEN = /\bdischarge (summary|summaries|order|orders)\b/i;
const MAX_HEADING_CHARS = 120;
// How far above the section identity fields may sit (e.g. a patient banner).
const MAX_CLIMB = 4;
const MIN_IDENTITY = 2;
const FULL_IDENTITY = 3;

export interface Detection {
  /** The element the overlay sits next to; its removal means the screen is gone. */
  section: Element;
  /** What matched (the sandbox root or a heading/region); re-evaluated on changes. */
  anchor: Element;
  context: DischargeContext;
}

function isLabelledRegion(el: Element): boolean {
  return el.hasAttribute('aria-label') && el.matches(LABELLED_REGIONS);
}

/** Does this candidate's own wording name a discharge screen? */
export function isAnchor(el: Element): boolean {
  const text = isLabelledRegion(el) ? el.getAttribute('aria-label') : el.textContent;
  if (!text || text.length > MAX_HEADING_CHARS) return false;
  return ANCHOR_WORDS.test(text) && !NOT_THE_SCREEN.test(text);
}

function regionOf(anchor: Element): Element | null {
  return isLabelledRegion(anchor) ? anchor : anchor.closest(SECTION_SELECTOR);
}

/**
 * Climbs from the anchor's region while identity is incomplete, so a patient banner
 * above the discharge form still counts. Inner fields win over outer ones.
 */
function climb(start: Element): DischargeContext {
  let container = start;
  let context = extractGeneric(start);
  for (let i = 0; i < MAX_CLIMB && identityScore(context) < FULL_IDENTITY; i++) {
    const parent = container.parentElement;
    if (!parent || container === container.ownerDocument.body) break;
    container = parent;
    context = { ...extractGeneric(parent), ...context };
  }
  return context;
}

/** Full evaluation of one candidate; undefined when it is not a discharge screen. */
export function evaluateCandidate(el: Element): Detection | undefined {
  if (el.matches(SANDBOX_SELECTOR)) return { section: el, anchor: el, context: extractSandbox(el) };
  if (!isAnchor(el)) return undefined;
  const region = regionOf(el);
  const section = region ?? el.parentElement ?? el;
  const context = climb(section);
  if (identityScore(context) < MIN_IDENTITY) return undefined;
  // A bar inside a table row would break the layout: sit before the whole table.
  return { section: section.closest('table') ?? section, anchor: el, context };
}

/** One pass over a subtree (the initial page, or after the screen was lost). */
export function scanSubtree(root: ParentNode): Detection | undefined {
  const sandbox = root.querySelector(SANDBOX_SELECTOR);
  if (sandbox) return evaluateCandidate(sandbox);
  for (const el of root.querySelectorAll(CANDIDATE_SELECTOR)) {
    const found = evaluateCandidate(el);
    if (found) return found;
  }
  return undefined;
}
