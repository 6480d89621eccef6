// Wires watcher and overlay to the background: on a discharge screen, ask for the
// patient's bookings (read-only) and keep the overlay current while it is visible;
// a trusted button click asks the background to open the booking UI.
import type { ContentMessage, DischargeContext } from '../messages';
import type { SummaryLines } from './booking-summary';
import { late } from './lazy';
import type { Overlay, Service } from './overlay';
import { watchDischarge, type CostStats } from './watcher';

export interface ContentDeps {
  send(message: ContentMessage): Promise<unknown>;
  doc?: Document;
  /** How often the bookings refresh while the tab is visible. */
  refreshMs?: number;
  shadowMode?: ShadowRootMode;
  stats?: CostStats;
}

const REFRESH_MS = 15_000;
const UNAVAILABLE: SummaryLines = { headline: 'CareRelay is unavailable. Reload the page.', items: [] };
const LOADING: SummaryLines = { headline: 'Checking CareRelay bookings…', items: [] };

export function startContent(deps: ContentDeps): () => void {
  const doc = deps.doc ?? document;
  const win = doc.defaultView ?? window;
  let overlay: Overlay | undefined;
  let context: DischargeContext | undefined;

  const refresh = async (): Promise<void> => {
    const asked = context;
    if (!asked || !overlay || doc.visibilityState === 'hidden') return;
    let reply: unknown;
    try {
      reply = await deps.send({ type: 'discharge-screen', context: asked });
    } catch {
      reply = undefined;
    }
    // A reply for a patient the page has since left must not be shown.
    if (asked !== context || !overlay) return;
    const impl = late();
    overlay.render(impl?.isBookingSummary(reply) ? impl.summaryLines(reply) : UNAVAILABLE);
  };

  const book = (service: Service): void => {
    if (!context) return;
    deps.send({ type: 'open-booking', service, context }).catch(() => {
      overlay?.render(UNAVAILABLE);
    });
  };

  const stopWatching = watchDischarge(doc, {
    show(d) {
      // A detection exists only once the late half is loaded (watcher.ts).
      const impl = late();
      if (!impl) return;
      if (overlay) overlay.moveTo(d.section);
      else overlay = impl.mountOverlay(d.section, book, deps.shadowMode);
      if (impl.sameContext(context, d.context)) return;
      context = d.context;
      overlay.render(LOADING);
      void refresh();
    },
    hide() {
      overlay?.remove();
      overlay = undefined;
      context = undefined;
    },
  }, deps.stats);

  const timer = win.setInterval(() => void refresh(), deps.refreshMs ?? REFRESH_MS);
  const onVisible = (): void => { if (doc.visibilityState === 'visible') void refresh(); };
  doc.addEventListener('visibilitychange', onVisible);
  return () => {
    stopWatching();
    win.clearInterval(timer);
    doc.removeEventListener('visibilitychange', onVisible);
  };
}
