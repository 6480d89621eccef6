// The outbox's storage in the app: sessionStorage survives a reload of this tab
// (so a booking interrupted mid-send resumes) but not the browser session, and
// holds no tokens (fhirclient keeps its own state under its own keys).
import type { KeyValueStore } from '../../shared/booking/outbox';

export function sessionStore(storage: Storage = window.sessionStorage): KeyValueStore {
  return {
    get: async (key) => storage.getItem(key) ?? undefined,
    set: async (key, value) => storage.setItem(key, value),
    remove: async (key) => storage.removeItem(key),
    keys: async () => Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null),
  };
}
