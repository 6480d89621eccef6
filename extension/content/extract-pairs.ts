// Label → value pairs as web EHRs lay them out: <dl>, row-header tables, <label for>,
// aria-labelledby and "Label: value" text. Only labels CareRelay knows are kept,
// and the first value found for a field wins (sources run most-structured first).
import { cleanValue, fieldForLabel, type FieldKey } from './labels';

export type RawFields = Partial<Record<FieldKey, string>>;

const DATE_FIELDS: ReadonlySet<FieldKey> = new Set(['birthDate', 'plannedDischarge']);
// Enough for any real form; bounds the work on a huge container.
const MAX_NODES = 2000;

/** Text with element boundaries as spaces: "401 Navy Yard Rd<br>Arlington" keeps its break. */
function spacedText(node: Node): string {
  let text = '';
  for (const child of node.childNodes) text += child.nodeType === 1 ? ` ${spacedText(child)} ` : child.textContent;
  return text;
}

function textOf(el: Element): string | undefined {
  // Form controls hold their value in a property, not in text.
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return cleanValue((el as HTMLInputElement).value);
  return cleanValue(spacedText(el));
}

/** Dates keep their machine value when the page offers one (<time datetime>). */
function valueOf(field: FieldKey, el: Element): string | undefined {
  if (DATE_FIELDS.has(field)) {
    const time = el.matches('time[datetime]') ? el : el.querySelector('time[datetime]');
    const iso = cleanValue(time?.getAttribute('datetime'));
    if (iso) return iso;
  }
  return textOf(el);
}

function each(root: Element, selector: string, fn: (el: Element) => void): void {
  const list = root.querySelectorAll(selector);
  const n = Math.min(list.length, MAX_NODES);
  for (let i = 0; i < n; i++) fn(list[i] as Element);
}

type Emit = (label: string | null, el: Element | string | null | undefined) => void;

function dlPairs(root: Element, emit: Emit): void {
  each(root, 'dt', (dt) => {
    let next = dt.nextElementSibling;
    while (next?.tagName === 'DT') next = next.nextElementSibling;
    if (next?.tagName === 'DD') emit(dt.textContent, next);
  });
}

function tablePairs(root: Element, emit: Emit): void {
  each(root, 'tr', (tr) => {
    const cells = tr.children;
    for (let i = 0; i + 1 < cells.length; i++) {
      const cell = cells[i] as Element;
      const next = cells[i + 1] as Element;
      const isHeader = cell.tagName === 'TH' && cell.getAttribute('scope') !== 'col';
      const isLabelCell = cell.tagName === 'TD' && /:\s*$/.test(cell.textContent ?? '');
      if ((isHeader || isLabelCell) && next.tagName === 'TD') emit(cell.textContent, next);
    }
  });
}

function labelPairs(root: Element, emit: Emit): void {
  const doc = root.ownerDocument;
  each(root, 'label[for]', (label) => emit(label.textContent, doc.getElementById(label.getAttribute('for') ?? '')));
  each(root, '[aria-labelledby]', (el) => {
    const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/);
    const label = ids.map((id) => doc.getElementById(id)?.textContent ?? '').join(' ');
    emit(label, el);
  });
}

const COLON_TEXT = /^([^:]{1,40}):\s*(.*)$/s;
// A second "Label:" inside the value means several fields share one element.
const ANOTHER_LABEL = /\s[A-Za-z][\w .#/]{0,25}:\s/;

function colonPairs(root: Element, emit: Emit): void {
  each(root, 'p,li,span,div,b,strong,td', (el) => {
    if (el.childElementCount > 3) return;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const m = text.length <= 300 ? COLON_TEXT.exec(text) : null;
    if (!m) return;
    const [, label = '', value = ''] = m;
    // "<b>MRN:</b> 123" reads as one "MRN: 123" line from its parent.
    if (value !== '' && !ANOTHER_LABEL.test(` ${value}`)) emit(label, value);
  });
}

export function collectFields(root: Element): RawFields {
  const fields: RawFields = {};
  const emit: Emit = (label, target) => {
    const field = label ? fieldForLabel(label) : undefined;
    if (!field || fields[field] !== undefined || target == null) return;
    const value = typeof target === 'string' ? cleanValue(target) : valueOf(field, target);
    if (value !== undefined) fields[field] = value;
  };
  for (const source of [dlPairs, tablePairs, labelPairs, colonPairs]) source(root, emit);
  return fields;
}
