// Decides whether an element marks a discharge screen. A candidate is the sandbox
// root, a labelled region or tab panel, a selected tab, or any element whose whole
// text is a discharge-screen title ("Discharge Planning", "PATIENT DISCHARGE",
// "Dispo / D/C", "Transition of care"): headings, plain divs, table cells alike.
// Links, buttons and field labels ("Anticipated D/C") are never titles. A candidate
// counts only when patient identity (name, MRN, DOB, visit) sits near it, when the
// screen shows one patient (a census or worklist stays silent) and when it is not a
// signed document (a discharge summary or note that was signed).
import type { DischargeContext } from '../messages';
import { extractGeneric, extractSandbox, identityScore } from './extract';
import { fieldForLabel } from './labels';

export const SANDBOX_SELECTOR = '[data-ehr-screen="discharge"]';
const REGIONS = ['section', 'form', '[role="region"]', '[role="tabpanel"]', '[role="form"]', '[role="dialog"]'];
const LABELLED_REGIONS = [...REGIONS.map((r) => `${r}[aria-label]`), '[role="tabpanel"][aria-labelledby]'].join(',');
/** Found by selector; titles in any element are found by their text (titlesIn). */
export const CANDIDATE_SELECTOR = `${SANDBOX_SELECTOR},${LABELLED_REGIONS},[role="tab"][aria-selected="true"]`;
const SECTION_SELECTOR = `${REGIONS.join(',')},article,fieldset,main,[role="main"],[role="tabpanel"]`;

/** Cheap test on a subtree's text: could it hold a discharge title at all? */
export const ANCHOR_WORDS = /discharg|\bd\/c\b|\bdisch\b|\bdispo|transitions? of care/i;
const CORE = '(discharge|d ?/ ?c|disch\\.?|dischg|dispo|disposition|transitions? of care)';
const PRE = '((patient|pt|inpatient|hospital|unit|case management|cm|care|plan for|planning for|prepare for|ready for|readiness for|nursing|rn)\\s+)?';
const TAIL = '(planning|plan|planner|and|&|/|-|—|–|readiness|coordination|management|navigator|worksheet|workflow|checklist|details?|information|info|screen|tab|view|form|transport|logistics|needs|note|review|activities|tasks|services|' + CORE + ')';
const TITLE = new RegExp(`^${PRE}${CORE}(\\s*${TAIL})*$`, 'i');
const NOT_A_TITLE = 'a,button,option,select,textarea,input,label,dt,[role="button"],[role="link"],[role="option"],[role="menuitem"],[contenteditable="true"]';
const SIGNED = /\b(electronically signed|e-?signed|signed by|signed on|attested by|co-?signed|authenticated by)\b/i;
const MAX_TITLE_CHARS = 80;
// How far above the section identity fields may sit (e.g. a patient banner).
const MAX_CLIMB = 4;
const MIN_IDENTITY = 2;
const FULL_IDENTITY = 3;

export interface Detection {
  /** The element the overlay sits next to; its removal means the screen is gone. */
  section: Element;
  /** What matched (the sandbox root or a title/region); re-evaluated on changes. */
  anchor: Element;
  context: DischargeContext;
}

const clean = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim().replace(/:$/, '');

/** `heading`: the element says it is a title, so a text that is also a field label ("Disposition") still counts. */
export function isTitleText(text: string, heading = true): boolean {
  const t = clean(text);
  return t.length > 0 && t.length <= MAX_TITLE_CHARS && TITLE.test(t) && (heading || fieldForLabel(t) === undefined);
}

const HEADING_LIKE = 'h1,h2,h3,h4,h5,h6,[role="heading"],legend,caption,[class*="title" i],[class*="head" i],[class*="hdr" i]';

const byId = (el: Element, id: string): Element | null => (el.getRootNode() as Document | ShadowRoot).getElementById?.(id) ?? null;

/** A hidden tab panel or collapsed section is not on screen. */
export function isHidden(el: Element): boolean {
  return el.closest('[hidden],[aria-hidden="true"]') !== null || (el as HTMLElement).style?.display === 'none';
}

/** The region a candidate names, when it is a region (labelled region, tab panel, selected tab). */
function namedRegion(el: Element): { text: string; region: Element } | undefined {
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
  return isTitleText(el.textContent ?? '', el.matches(HEADING_LIKE));
}

/** The parent element, crossing out of a shadow root to its host. */
export function parentOf(el: Element): Element | null {
  return el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
}

function closestAcross(el: Element, selector: string): Element | null {
  for (let at: Element | null = el; at; at = parentOf(at)) if (at.matches(selector)) return at;
  return null;
}

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
  const region = named?.region ?? closestAcross(el, SECTION_SELECTOR);
  const section = region ?? parentOf(el) ?? el;
  if (isHidden(section) || isHidden(el)) return undefined;
  const { context, patients, container } = climb(section);
  if (identityScore(context) < MIN_IDENTITY || patients > 1) return undefined;
  if (SIGNED.test(container.textContent ?? '')) return undefined;
  // A bar inside a table row would break the layout: sit before the whole table.
  return { section: section.closest('table') ?? section, anchor: el, context };
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
