// Wires the background from browser APIs. Called by the entrypoint's main(),
// never at import time.
import { browser } from 'wxt/browser';
import { createHandlers } from './handlers';
import { openBookingUi } from './booking-ui';
import { createRegistrar } from './content-registration';
import { currentPatientStore } from './current-patient';
import { createRouter } from './router';
import { loadSettings, SETTINGS_KEY, type Settings } from './settings';
import { createLogin } from './smart-login';

const PANEL_PATH = '/sidepanel.html';

export function startBackground(): void {
  const runtimeId = browser.runtime.id;
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const current = currentPatientStore(browser.storage.session);
  const login = createLogin({ sessionArea: browser.storage.session, identity: browser.identity, fetch: globalThis.fetch.bind(globalThis), crypto: globalThis.crypto });
  const handlers = createHandlers({ login, current, fetch: globalThis.fetch.bind(globalThis) });

  let cached: Settings | undefined;
  const refreshSettings = async () => (cached = await loadSettings(browser.storage.local));
  void refreshSettings();
  // The content script on the admin's EHR origins (beyond the manifest's loopback
  // matches): re-registered on every start, settings change and permission change.
  const syncContentScripts = createRegistrar({
    scripting: browser.scripting,
    permissions: browser.permissions,
    origins: async () => (await loadSettings(browser.storage.local)).ehrOrigins,
    onError: (e) => console.warn('CareRelay: could not register the content script', e),
  });
  void syncContentScripts();
  browser.storage.local.onChanged.addListener((changes) => {
    if (!(SETTINGS_KEY in changes)) return;
    void refreshSettings();
    void syncContentScripts();
  });
  browser.permissions.onAdded.addListener(() => void syncContentScripts());
  browser.permissions.onRemoved.addListener(() => void syncContentScripts());

  const route = createRouter({
    rules: { runtimeId, extensionOrigin },
    cachedSettings: () => cached,
    loadSettings: () => (cached ? Promise.resolve(cached) : refreshSettings()),
    openBookingUi(tab, context, service) {
      const opened = openBookingUi(browser, tab.id, browser.runtime.getURL(PANEL_PATH));
      return current.set({ context, service, tabId: tab.id, at: Date.now() })
        // Pages already open (a side panel showing another patient) reload their patient.
        .then(() => browser.runtime.sendMessage({ type: 'current-patient-changed' }).catch(() => undefined))
        .then(() => opened)
        .then((how) => ({ opened: how }));
    },
    onContent: handlers.onContent,
    onPanel: handlers.onPanel,
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const answer = route(message, sender);
    if (!answer) return false;
    answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  });
  // The toolbar button opens the same panel (no patient until the overlay sets one).
  void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
}
