// Runs the content script on the EHR origins an administrator configured, beyond
// the manifest's static matches: one chrome.scripting registration
// ('carerelay-ehr-origins'), persisted across browser restarts and rewritten
// whenever the settings or the granted host permissions change. Only origins whose
// host permission is granted are registered (Chromium would not inject elsewhere
// anyway), and none the manifest entry already covers (that would inject twice).
import { PRODUCTION_BUILD } from '../build-target';
import { CONTENT_SCRIPT_FILE, MANIFEST_CONTENT_MATCHES } from '../content-matches';

/** What the built manifest's content_scripts entry covers: nothing in the production build. */
const MANIFEST_MATCHES: readonly string[] = PRODUCTION_BUILD ? [] : MANIFEST_CONTENT_MATCHES;

export const REGISTRATION_ID = 'carerelay-ehr-origins';

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

/** The part of chrome.scripting we use (a fake implements it in tests). */
export interface ScriptingLike {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
  registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
  updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

export interface PermissionsLike {
  contains(permissions: { origins?: string[] }): Promise<boolean>;
}

/** "https://ehr.example.org:8443" → "https://ehr.example.org:8443/*" (the port is kept: only that origin). */
export const originPattern = (origin: string): string => `${origin}/*`;

/** Whether a manifest match pattern ("http://localhost/*": any port) already runs the script on `origin`. */
export function coveredByManifest(origin: string, patterns: readonly string[] = MANIFEST_MATCHES): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return patterns.some((pattern) => {
    const m = /^([a-z]+):\/\/([^/]+)\/\*$/.exec(pattern);
    if (!m || `${m[1]}:` !== url.protocol) return false;
    const host = m[2] ?? '';
    return host === url.host || host === url.hostname;
  });
}

/** The match patterns to register: configured, granted, not already in the manifest. */
export async function wantedMatches(origins: readonly string[], permissions: PermissionsLike): Promise<string[]> {
  const wanted: string[] = [];
  for (const origin of new Set(origins)) {
    if (coveredByManifest(origin)) continue;
    const pattern = originPattern(origin);
    if (await permissions.contains({ origins: [pattern] }).catch(() => false)) wanted.push(pattern);
  }
  return wanted;
}

/** Brings the registration in line with `origins`; returns the patterns now registered. */
export async function syncContentScripts(origins: readonly string[], deps: { scripting: ScriptingLike; permissions: PermissionsLike }): Promise<string[]> {
  const { scripting } = deps;
  const matches = await wantedMatches(origins, deps.permissions);
  const existing = (await scripting.getRegisteredContentScripts({ ids: [REGISTRATION_ID] }))[0];
  if (matches.length === 0) {
    if (existing) await scripting.unregisterContentScripts({ ids: [REGISTRATION_ID] });
    return [];
  }
  const script: RegisteredScript = {
    id: REGISTRATION_ID, matches, js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', allFrames: false, persistAcrossSessions: true,
  };
  const same = existing && existing.js?.join() === CONTENT_SCRIPT_FILE && existing.matches?.slice().sort().join() === matches.slice().sort().join()
    && existing.persistAcrossSessions !== false && existing.allFrames !== true;
  if (same) return matches;
  await (existing ? scripting.updateContentScripts([script]) : scripting.registerContentScripts([script]));
  return matches;
}

/**
 * Serialises syncs (settings and permission events may arrive together): at most
 * one runs and one waits; a sync asked for while one runs reads the latest origins.
 */
export function createRegistrar(deps: { scripting: ScriptingLike; permissions: PermissionsLike; origins(): Promise<readonly string[]>; onError?(e: unknown): void }) {
  let tail: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  return function sync(): Promise<void> {
    waiting ??= tail = tail.then(async () => {
      waiting = undefined;
      try {
        await syncContentScripts(await deps.origins(), deps);
      } catch (e) {
        deps.onError?.(e);
      }
    });
    return waiting;
  };
}
