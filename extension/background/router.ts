// Every message the background accepts, and from whom. Sender first (from
// Chromium's MessageSender), then shape (zod); anything else gets no answer and
// causes nothing. Content scripts are untrusted: they may only ask for a
// read-only summary and, on a trusted click in the active tab, open the booking UI.
import { ContentMessage, PanelMessage, type Service } from '../messages';
import { contentOrigin, isExtensionPage, type SenderLike, type SenderRules } from './sender';
import type { Settings } from './settings';

export interface RouterDeps {
  rules: SenderRules;
  /** The settings if already loaded (synchronous, so a click's user gesture survives). */
  cachedSettings(): Settings | undefined;
  loadSettings(): Promise<Settings>;
  /** Must start the side panel synchronously; see booking-ui.ts. */
  openBookingUi(tab: { id: number; windowId?: number }, context: ContentMessage['context'], service: Service): Promise<unknown>;
  onContent(message: Extract<ContentMessage, { type: 'discharge-screen' }>, settings: Settings): Promise<unknown>;
  onPanel(message: PanelMessage, settings: Settings): Promise<unknown>;
}

/** Returns the answer, or undefined when the message is refused (no answer, no effect). */
export function createRouter(deps: RouterDeps) {
  return function route(raw: unknown, sender: SenderLike): Promise<unknown> | undefined {
    if (sender.id !== deps.rules.runtimeId) return undefined;
    if (isExtensionPage(sender, deps.rules)) {
      const message = PanelMessage.safeParse(raw);
      return message.success ? deps.loadSettings().then((s) => deps.onPanel(message.data, s)) : undefined;
    }
    const message = ContentMessage.safeParse(raw);
    if (!message.success || !sender.tab || sender.tab.id === undefined) return undefined;
    const tab = { id: sender.tab.id, windowId: sender.tab.windowId };
    const cached = deps.cachedSettings();
    if (message.data.type === 'open-booking') {
      if (sender.tab.active !== true) return undefined;
      const { context, service } = message.data;
      if (cached) return contentOrigin(sender, deps.rules, cached.ehrOrigins) ? deps.openBookingUi(tab, context, service) : undefined;
      // Settings not loaded yet (the worker just woke): check first; the side panel may then fall back to a window.
      return deps.loadSettings().then((s) => (contentOrigin(sender, deps.rules, s.ehrOrigins) ? deps.openBookingUi(tab, context, service) : undefined));
    }
    const screen = message.data;
    return deps.loadSettings().then((s) => (contentOrigin(sender, deps.rules, s.ehrOrigins) ? deps.onContent(screen, s) : undefined));
  };
}
