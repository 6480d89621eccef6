// Who sent a message. Decided from what Chromium puts in MessageSender (which a
// page cannot forge), never from anything inside the message.

/** The fields of chrome.runtime.MessageSender we rely on. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; active?: boolean; url?: string; windowId?: number };
}

export interface SenderRules {
  runtimeId: string;
  /** "chrome-extension://<id>" */
  extensionOrigin: string;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    // Not URL.origin: outside Chromium, chrome-extension: URLs have an opaque ("null") origin.
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** Our side panel, popup or options page: an extension page, not a content script in a web tab. */
export function isExtensionPage(sender: SenderLike, rules: SenderRules): boolean {
  if (sender.id !== rules.runtimeId) return false;
  if (originOf(sender.url) !== rules.extensionOrigin) return false;
  if (sender.origin !== undefined && sender.origin !== rules.extensionOrigin) return false;
  // An extension page may live in a tab (the popup-window fallback) but then the tab shows our page too.
  return sender.tab === undefined || originOf(sender.tab.url) === rules.extensionOrigin;
}

/** Our content script, in the top frame of a tab whose origin an admin allowed. */
export function contentOrigin(sender: SenderLike, rules: SenderRules, allowed: readonly string[]): string | undefined {
  if (sender.id !== rules.runtimeId || !sender.tab || sender.tab.id === undefined) return undefined;
  if (sender.frameId !== undefined && sender.frameId !== 0) return undefined;
  const origin = sender.origin ?? originOf(sender.url);
  if (!origin || origin === rules.extensionOrigin || originOf(sender.url) !== origin) return undefined;
  return allowed.includes(origin) ? origin : undefined;
}
