// KeyValueStore over a chrome.storage area, namespaced by a prefix so two users
// of one area (the SMART session, the outbox) never see each other's keys.
import type { KeyValueStore } from '../../shared/booking/outbox';

/** The part of chrome.storage.StorageArea we use (the fake in tests implements it too). */
export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** Chrome 130+: keys without values, so listing one namespace never loads another's values. */
  getKeys?(): Promise<string[]>;
}

export function areaStore(area: StorageAreaLike, prefix: string): KeyValueStore {
  return {
    async get(key) {
      const value = (await area.get(prefix + key))[prefix + key];
      return typeof value === 'string' ? value : undefined;
    },
    set: (key, value) => area.set({ [prefix + key]: value }),
    remove: (key) => area.remove(prefix + key),
    async keys() {
      const all = area.getKeys ? await area.getKeys() : Object.keys(await area.get(null));
      return all.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    },
  };
}
