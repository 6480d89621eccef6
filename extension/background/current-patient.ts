// The discharge-screen context and service of the last trusted overlay click, kept
// in chrome.storage.session so a restarted service worker still knows it.
import { z } from 'zod';
import { DischargeContext, Service } from '../messages';
import type { StorageAreaLike } from '../platform/browser-store';

const KEY = 'carerelay.current-patient';
const Stored = z.object({ context: DischargeContext, service: Service.default('transport'), tabId: z.number().int(), at: z.number() });
export type StoredPatient = z.infer<typeof Stored>;
export type StoredPatientInput = z.input<typeof Stored>;

export function currentPatientStore(area: StorageAreaLike) {
  return {
    async get(): Promise<StoredPatient | undefined> {
      const parsed = Stored.safeParse((await area.get(KEY))[KEY]);
      return parsed.success ? parsed.data : undefined;
    },
    set: (value: StoredPatientInput) => area.set({ [KEY]: Stored.parse(value) }),
    clear: () => area.remove(KEY),
  };
}
export type CurrentPatientStore = ReturnType<typeof currentPatientStore>;
