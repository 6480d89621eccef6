// Finds what may mark a discharge screen, up front and cheaply (no lexicon): the
// sandbox root, a labelled region or tab panel, a selected tab, or any element whose
// whole text is a discharge-screen title ("Discharge Planning", "PATIENT DISCHARGE",
// "Dispo / D/C", "Transition of care"): headings, plain divs, table cells alike.
// Links, buttons and form controls are never titles. detect.ts (loaded once such a
// candidate is seen, late.ts) decides whether it is one.
import type { DischargeContext } from '../messages';

export const SANDBOX_SELECTOR = '[data-ehr-screen="discharge"]';
const REGIONS = ['section', 'form', '[role="region"]', '[role="tabpanel"]', '[role="form"]', '[role="dialog"]'];
const LABELLED_REGIONS = [...REGIONS.map((r) => `${r}[aria-label]`), '[role="tabpanel"][aria-labelledby]'].join(',');
/** Found by selector; titles in any element are found by their text (titlesIn). */
export const CANDIDATE_SELECTOR = `${SANDBOX_SELECTOR},${LABELLED_REGIONS},[role="tab"][aria-selected="true"]`;
export const SECTION_SELECTOR = `${REGIONS.join(',')},article,fieldset,main,[role="main"],[role="tabpanel"]`;

/** Cheap test on a subtree's text: could it hold a discharge title at all? */
export const ANCHOR_WORDS = /discharg|\bd\/c\b|\bdisch\b|\bdispo|transitions? of care/i;
const CORE = '(discharge|d ?/ ?c|disch\\.?|dischg|dispo|disposition|transitions? of care)';
const PRE = '((patient|pt|inpatient|hospital|unit|case management|cm|care|plan for|planning for|prepare for|ready for|readiness for|nursing|rn)\\s+)?';
const TAIL = '(planning|plan|planner|and|&|/|-|—|–|readiness|coordination|management|navigator|worksheet|workflow|checklist|details?|information|info|screen|tab|view|form|transport|logistics|needs|note|review|activities|tasks|services|' + CORE + ')';
const TITLE = new RegExp(`^${PRE}${CORE}(\\s*${TAIL})*$`, 'i');
const NOT_A_TITLE = 'a,button,option,select,textarea,input,label,dt,[role="button"],[role="link"],[role="option"],[role="menuitem"],[contenteditable="true"]';
const MAX_TITLE_CHARS = 80;

export interface Detection {
  /** The element the overlay sits next to; its removal means the screen is gone. */
  section: Element;
  /** What matched (the sandbox root or a title/region); re-evaluated on changes. */
  anchor: Element;
  context: DischargeContext;
}

export const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim().replace(/:$/, '');

export function isTitleText(text: string): boolean {
  const t = clean(text);
  return t.length > 0 && t.length <= MAX_TITLE_CHARS && TITLE.test(t);
}

/** A title by its markup: a text that is also a field label ("Disposition") still counts as a title here. */
export const HEADING_LIKE = 'h1,h2,h3,h4,h5,h6,[role="heading"],legend,caption,[class*="title" i],[class*="head" i],[class*="hdr" i]';

const byId = (el: Element, id: string): Element | null => (el.getRootNode() as Document | ShadowRoot).getElementById?.(id) ?? null;

/** A hidden tab panel or collapsed section is not on screen. */
export function isHidden(el: Element): boolean {
  return el.closest('[hidden],[aria-hidden="true"]') !== null || (el as HTMLElement).style?.display === 'none';
}

/** The region a candidate names, when it is a region (labelled region, tab panel, selected tab). */
export function namedRegion(el: Element): { text: string; region: Element } | undefined {
  if (el.matches('[role="tab"]')) {
    if (el.getAttribute('aria-selected') !== 'true') return undefined;
    const panel = byId(el, el.getAttribute('aria-controls') ?? '');
    return panel ? { text: el.textContent ?? '', region: panel } : undefined;
  }
  if (!el.matches(LABELLED_REGIONS)) return undefined;
  const label = el.getAttribute('aria-label') ?? (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => byId(el, id)?.textContent ?? '').join(' ');
  return { text: label, region: el };
}

/** Does this candidate's own wording name a discharge screen? */
export function isAnchor(el: Element): boolean {
  const named = namedRegion(el);
  if (named) return isTitleText(named.text);
  if (el.matches(SANDBOX_SELECTOR)) return true;
  if (el.closest(NOT_A_TITLE) || el.childElementCount > 3 || el.querySelector(NOT_A_TITLE)) return false;
  return isTitleText(el.textContent ?? '');
}

/** The parent element, crossing out of a shadow root to its host. */
export function parentOf(el: Element): Element | null {
  return el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
}

export function closestAcross(el: Element, selector: string): Element | null {
  for (let at: Element | null = el; at; at = parentOf(at)) if (at.matches(selector)) return at;
  return null;
}

/** Title candidates in a subtree (not inside its shadow roots): elements whose text is a title. */
export function titlesIn(root: Element | ShadowRoot | Document, out: Set<Element>): void {
  for (const c of root.querySelectorAll(CANDIDATE_SELECTOR)) out.add(c);
  const text = (root.nodeType === 9 ? (root as Document).documentElement : root)?.textContent;
  if (!text || !ANCHOR_WORDS.test(text)) return;
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!ANCHOR_WORDS.test(n.nodeValue ?? '')) continue;
    // The text's element, or the one above it ("<h3><span>Discharge</span> planning</h3>").
    const parent = n.parentElement;
    if (!parent) continue;
    if (isAnchor(parent)) out.add(parent);
    else if (parent.parentElement && isAnchor(parent.parentElement)) out.add(parent.parentElement);
  }
}

/** Open shadow roots under a node (including its own). */
export function shadowRootsIn(node: Node, out: ShadowRoot[]): void {
  if (node.nodeType !== 1) return;
  const el = node as Element;
  if (el.shadowRoot) { out.push(el.shadowRoot); for (const c of el.shadowRoot.children) shadowRootsIn(c, out); }
  if (!el.firstElementChild) return;
  const walker = el.ownerDocument.createTreeWalker(el, 1 /* SHOW_ELEMENT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const root = (n as Element).shadowRoot;
    if (root) { out.push(root); for (const c of root.children) shadowRootsIn(c, out); }
  }
}

