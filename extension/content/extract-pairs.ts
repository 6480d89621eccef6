// Label → value pairs as web EHRs lay them out: <dl>, row-header and column-header
// tables, ARIA grids (role="row"/"gridcell"), <label for>, aria-labelledby,
// label/value siblings (spans, divs) and "Label: value" text, including inside open
// shadow roots. Only labels CareRelay knows are kept; the first value found for a
// field wins (sources run most-structured first), and every MRN / birth date seen
// is counted so a page showing several patients can be told apart.
import { parseScreenDate } from './dates';
import { cleanValue, fieldForLabel, type FieldKey } from './labels';

export type RawFields = Partial<Record<FieldKey, string>>;
export interface Collected {
  fields: RawFields;
  /** Distinct MRNs and birth dates seen: more than one of either means several patients. */
  patients: number;
}

// Enough for any real form; bounds the work on a huge container.
const MAX_NODES = 3000;
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SVG)$/;

/** Elements under root in document order, descending into open shadow roots. */
export function elementsIn(root: Element | ShadowRoot, limit = MAX_NODES): Element[] {
  const out: Element[] = [];
  const walk = (node: Element | ShadowRoot): void => {
    for (let c = node.firstElementChild; c && out.length < limit; c = c.nextElementSibling) {
      if (SKIP.test(c.tagName.toUpperCase())) continue;
      out.push(c);
      if (c.shadowRoot) walk(c.shadowRoot);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** Text with element boundaries as spaces ("401 Navy Yard Rd<br>Arlington"), shadow content included. */
export function spacedText(node: Node): string {
  let text = '';
  const host = node as Element;
  if (host.shadowRoot) text += spacedText(host.shadowRoot);
  for (const child of node.childNodes) {
    if (child.nodeType === 1) { if (!SKIP.test((child as Element).tagName.toUpperCase())) text += ` ${spacedText(child)} `; }
    else if (child.nodeType === 3) text += child.textContent;
  }
  return text;
}

function textOf(el: Element): string | undefined {
  // Form controls hold their value in a property, not in text.
  if (el.tagName === 'SELECT') return cleanValue((el as HTMLSelectElement).selectedOptions[0]?.textContent);
  if (/^(INPUT|TEXTAREA)$/.test(el.tagName)) return cleanValue((el as HTMLInputElement).value);
  const control = el.childElementCount === 1 ? el.querySelector(':scope > input, :scope > select, :scope > textarea') : null;
  return control ? textOf(control) : cleanValue(spacedText(el));
}

/** Dates keep their machine value when the page offers one (<time datetime>). */
function valueOf(field: FieldKey, el: Element): string | undefined {
  if (field === 'birthDate' || field === 'plannedDischarge') {
    const time = el.matches('time[datetime]') ? el : el.querySelector('time[datetime]');
    const iso = cleanValue(time?.getAttribute('datetime'));
    if (iso) return iso;
  }
  return textOf(el);
}

type Emit = (label: string | null | undefined, el: Element | string | null | undefined) => void;

const byId = (el: Element, id: string): Element | null => (el.getRootNode() as Document | ShadowRoot).getElementById?.(id) ?? null;
const ownText = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const isLabelText = (el: Element): boolean => fieldForLabel(ownText(el)) !== undefined;
const CELL = 'th,td,[role="gridcell"],[role="cell"],[role="rowheader"],[role="columnheader"]';

function dlPairs(els: Element[], emit: Emit): void {
  for (const dt of els) {
    if (dt.tagName !== 'DT') continue;
    let next = dt.nextElementSibling;
    while (next?.tagName === 'DT') next = next.nextElementSibling;
    if (next?.tagName === 'DD') emit(dt.textContent, next);
  }
}

function cellsOf(row: Element): Element[] {
  return [...row.children].filter((c) => c.matches(CELL));
}

/** Row-header pairs (label cell, value cell) and column-header tables (one header row, value rows below). */
function tablePairs(els: Element[], emit: Emit): void {
  for (const table of els) {
    if (!table.matches('table,[role="grid"],[role="table"],[role="treegrid"]')) continue;
    const rows = elementsIn(table, 2000).filter((r) => r.matches('tr,[role="row"]') && r.closest('table,[role="grid"],[role="table"],[role="treegrid"]') === table);
    let header: Element[] | undefined;
    for (const row of rows) {
      const cells = cellsOf(row);
      const isHeaderRow = cells.length > 1 && cells.every((c) => c.matches('th[scope="col"],thead th,[role="columnheader"]') || (row.parentElement?.tagName === 'THEAD'));
      if (isHeaderRow) { header = cells; continue; }
      for (let i = 0; i + 1 < cells.length; i++) {
        const cell = cells[i]!;
        const next = cells[i + 1]!;
        const rowHeader = cell.matches('th:not([scope="col"]),[role="rowheader"]');
        const labelCell = /:\s*$/.test(cell.textContent ?? '') || isLabelText(cell);
        if ((rowHeader || labelCell) && !next.matches('th') && !isLabelText(next)) emit(cell.textContent, next);
      }
      if (header) cells.forEach((c, i) => { if (header?.[i]) emit(header[i].textContent, c); });
    }
  }
}

function labelPairs(els: Element[], emit: Emit): void {
  for (const el of els) {
    if (el.tagName === 'LABEL') {
      const target = el.getAttribute('for');
      if (target) emit(el.textContent, byId(el, target));
      else {
        const control = el.querySelector('input,select,textarea,output');
        const text = [...el.childNodes].filter((n) => n !== control && !(n as Element).contains?.(control)).map((n) => n.textContent).join(' ');
        if (control) emit(text, control);
      }
    }
    const ids = el.getAttribute('aria-labelledby');
    if (ids && !el.matches('[role="tabpanel"],[role="region"],section,form,[role="dialog"]')) {
      emit(ids.split(/\s+/).map((id) => byId(el, id)?.textContent ?? '').join(' '), el);
    }
    const aria = el.getAttribute('aria-label');
    if (aria && el.matches('input,output,select,textarea,[role="textbox"],[role="gridcell"]')) emit(aria, el);
  }
}

/** A leaf whose whole text is a known label, and the element after it (or after its parent). */
function siblingPairs(els: Element[], emit: Emit): void {
  for (const el of els) {
    if (el.childElementCount > 1 || /^(DT|DD|TH|TD|OPTION|BUTTON|A)$/.test(el.tagName)) continue;
    const text = ownText(el);
    if (text.length > 40 || !isLabelText(el)) continue;
    // "<b>MRN:</b> 6610042 <b>DOB:</b> …": the text right after the label.
    const after = el.nextSibling;
    if (after?.nodeType === 3 && cleanValue(after.textContent)) {
      emit(text, after.textContent);
      continue;
    }
    let at: Element | null = el;
    for (let up = 0; at && up < 2; up++, at = at.parentElement) {
      const next = at.nextElementSibling;
      if (next) {
        if (!isLabelText(next)) emit(text, next);
        break;
      }
      // Up only when the label is all its parent holds ("<td><b>MRN</b></td><td>…").
      if (!at.parentElement || ownText(at.parentElement) !== text) break;
    }
  }
}

const COLON_TEXT = /^([^:]{1,40}):\s*(.*)$/s;
// A second "Label:" inside the value means several fields share one element.
const ANOTHER_LABEL = /\s[A-Za-z][\w .#/]{0,25}:\s/;

function colonPairs(els: Element[], emit: Emit): void {
  for (const el of els) {
    if (!el.matches('p,li,span,div,b,strong,td,font,small')) continue;
    if (el.childElementCount > 3) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const m = text.length <= 300 ? COLON_TEXT.exec(text) : null;
    if (!m) continue;
    const [, label = '', value = ''] = m;
    // "<b>MRN:</b> 123" reads as one "MRN: 123" line from its parent.
    if (value !== '' && !ANOTHER_LABEL.test(` ${value}`)) emit(label, value);
  }
}

/** Several identity values that cannot be the same patient. */
const normalId = (field: FieldKey, value: string): string =>
  field === 'mrn' ? value.toLowerCase().replace(/^mrn\b|[^a-z0-9]/g, '').replace(/^0+/, '') : parseScreenDate(value, 'birth') ?? value;

export function collectFields(root: Element): Collected {
  const fields: RawFields = {};
  const seen = { mrn: new Set<string>(), birthDate: new Set<string>() };
  const emit: Emit = (label, target) => {
    const field = label ? fieldForLabel(label) : undefined;
    if (!field || target == null) return;
    let value = typeof target === 'string' ? cleanValue(target) : valueOf(field, target);
    if (value === undefined) return;
    if (field === 'birthDate' || field === 'plannedDischarge') {
      value = parseScreenDate(value, field === 'birthDate' ? 'birth' : 'discharge');
      if (value === undefined) return;
    }
    if (field === 'mrn' || field === 'birthDate') seen[field].add(normalId(field, value));
    if (fields[field] === undefined) fields[field] = value;
  };
  const els = [root, ...elementsIn(root)];
  for (const source of [dlPairs, tablePairs, labelPairs, siblingPairs, colonPairs]) source(els, emit);
  return { fields, patients: Math.max(seen.mrn.size, seen.birthDate.size) };
}
