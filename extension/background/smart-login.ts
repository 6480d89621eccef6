// The extension's SMART session: the thin core client, its tokens in
// chrome.storage.session (memory only, gone with the browser, unreadable by
// content scripts), sign-in through chrome.identity.launchWebAuthFlow.
import { createFetchTransport, type FhirTransport } from '../../shared/fhir/transport';
import type { SmartCrypto } from '../../shared/smart/pkce';
import { createSmartSession, type SessionInfo } from '../../shared/smart/smart-session';
import { areaStore, type StorageAreaLike } from '../platform/browser-store';
import type { Settings } from './settings';
import { EXTENSION_SCOPES } from '../../shared/smart/scopes';

/**
 * User-level scopes (a discharge nurse moves between patients, so the session is
 * not pinned to one patient). One list, with the reason for each, in shared/readiness.
 */
export const EXTENSION_SCOPE = EXTENSION_SCOPES.join(' ');

export interface IdentityLike {
  getRedirectURL(path?: string): string;
  launchWebAuthFlow(details: { url: string; interactive: boolean }): Promise<string | undefined>;
}

export interface LoginDeps {
  sessionArea: StorageAreaLike;
  identity: IdentityLike;
  fetch: typeof fetch;
  crypto: SmartCrypto;
}

export function createLogin(deps: LoginDeps) {
  const smart = createSmartSession({ store: areaStore(deps.sessionArea, 'carerelay.auth.'), fetch: deps.fetch, crypto: deps.crypto });

  /** The session only counts for the FHIR server it was made with. */
  async function sessionFor(settings: Settings): Promise<SessionInfo | undefined> {
    const info = await smart.info();
    return info && info.iss === settings.fhirBaseUrl ? info : undefined;
  }

  async function signIn(settings: Settings): Promise<SessionInfo> {
    const url = await smart.begin({ iss: settings.fhirBaseUrl, clientId: settings.clientId, redirectUri: deps.identity.getRedirectURL(), scope: EXTENSION_SCOPE });
    const redirect = await deps.identity.launchWebAuthFlow({ url, interactive: true });
    return smart.complete(redirect ?? '');
  }

  async function transportFor(settings: Settings): Promise<FhirTransport | undefined> {
    if (!(await sessionFor(settings))) return undefined;
    return createFetchTransport({ baseUrl: settings.fhirBaseUrl, fetch: deps.fetch, authorization: smart.authorization, refresh: smart.refresh });
  }

  return { signIn, signOut: smart.signOut, sessionFor, transportFor };
}
export type Login = ReturnType<typeof createLogin>;
