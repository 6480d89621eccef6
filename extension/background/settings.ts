// What an administrator configures on the options page, stored in
// chrome.storage.local and parsed with zod on every read (a corrupt or old value
// falls back to the defaults instead of half-working).
import { z } from 'zod';
import { isSecureUrl } from '../../shared/smart/smart-configuration';
import { PRODUCTION_BUILD } from '../build-target';
import type { StorageAreaLike } from '../platform/browser-store';

/** An origin ("https://ehr.example.org"), nothing more: no path, no wildcard. */
export const Origin = z.string().trim().refine((value) => {
  try {
    const url = new URL(value);
    return url.origin === value.replace(/\/$/, '') && isSecureUrl(value);
  } catch {
    return false;
  }
}, 'must be an origin like https://ehr.example.org (https, or http on localhost)').transform((v) => v.replace(/\/$/, ''));

export const Settings = z.object({
  fhirBaseUrl: z.url('must be an absolute URL').refine(isSecureUrl, 'must be https (or http on localhost)').transform((v) => v.replace(/\/+$/, '')),
  clientId: z.string().trim().min(1, 'is required').max(200),
  ehrOrigins: z.array(Origin).max(50, 'lists at most 50 origins'),
});
export type Settings = z.infer<typeof Settings>;

/** The sandbox EHR (npm start): works out of the box for demos and tests. */
export const SANDBOX_SETTINGS: Settings = {
  fhirBaseUrl: 'http://localhost:8080/fhir/R4',
  clientId: 'carerelay-extension',
  ehrOrigins: ['http://localhost:8080'],
};

/** Production: nothing until an administrator configures it (no FHIR server, no EHR origin). */
export const UNCONFIGURED_SETTINGS: Settings = { fhirBaseUrl: '', clientId: 'carerelay-extension', ehrOrigins: [] };

export const DEFAULT_SETTINGS: Settings = PRODUCTION_BUILD ? UNCONFIGURED_SETTINGS : SANDBOX_SETTINGS;

/** Whether an administrator (or the sandbox build's defaults) named a FHIR server. */
export const isConfigured = (settings: Settings): boolean => settings.fhirBaseUrl !== '';

const KEY = 'carerelay.settings';

export async function loadSettings(area: StorageAreaLike): Promise<Settings> {
  const parsed = Settings.safeParse((await area.get(KEY))[KEY]);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(area: StorageAreaLike, settings: Settings): Promise<void> {
  await area.set({ [KEY]: Settings.parse(settings) });
}

export const SETTINGS_KEY = KEY;
