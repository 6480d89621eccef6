// The overlay bar: hand-written DOM in a closed shadow root next to the discharge
// section, so the page can neither read nor script it. Buttons act only on trusted
// (real user) clicks; all text goes in through textContent.
import type { ContentMessage } from '../messages';
import type { SummaryLines } from './booking-summary';
import { OVERLAY_CSS } from './overlay-style';

/** messages.ts exports Service as a zod value only; this is its type. */
export type Service = Extract<ContentMessage, { type: 'open-booking' }>['service'];

export interface Overlay {
  render(lines: SummaryLines): void;
  moveTo(section: Element): void;
  remove(): void;
}

const BUTTONS: ReadonlyArray<readonly [Service, string, string]> = [
  ['transport', 'Book transport', 'Book transport'],
  ['home-health', 'Home health', 'Book home health'],
  ['dme', 'DME', 'Book DME (durable medical equipment)'],
];

export const OVERLAY_HOST_ATTR = 'data-carerelay-overlay';

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** `shadowMode` is 'closed' in the extension; tests may open it to run axe. */
export function mountOverlay(section: Element, onBook: (service: Service) => void, shadowMode: ShadowRootMode = 'closed'): Overlay {
  const doc = section.ownerDocument;
  const host = el(doc, 'div');
  host.setAttribute(OVERLAY_HOST_ATTR, '');
  const root = host.attachShadow({ mode: shadowMode });
  const bar = el(doc, 'div');
  bar.className = 'bar';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', 'CareRelay bookings');
  bar.append(el(doc, 'b', 'CareRelay'));
  for (const [service, text, label] of BUTTONS) {
    const button = el(doc, 'button', text);
    button.type = 'button';
    button.setAttribute('aria-label', label);
    // A page script's synthetic click (isTrusted false) must never start a booking.
    button.addEventListener('click', (e) => { if (e.isTrusted) onBook(service); });
    bar.append(button);
  }
  const status = el(doc, 'p');
  status.setAttribute('role', 'status');
  const list = el(doc, 'ul');
  list.hidden = true;
  bar.append(status, list);
  const style = el(doc, 'style', OVERLAY_CSS);
  root.append(style, bar);
  section.before(host);

  return {
    render(lines) {
      status.textContent = lines.headline;
      list.replaceChildren(...lines.items.map((t) => el(doc, 'li', t)));
      list.hidden = lines.items.length === 0;
    },
    moveTo(next) {
      if (host.nextElementSibling !== next) next.before(host);
    },
    remove() {
      host.remove();
    },
  };
}
