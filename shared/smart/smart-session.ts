// One SMART session: start an authorization, finish it from the redirect, hand
// out the Authorization header and refresh it. Platform-free: fetch, WebCrypto,
// the clock and a key-value store arrive as arguments. The store sees tokens, so
// the caller gives it a place only it can read (chrome.storage.session in the
// extension background). Nothing here logs.
import type { KeyValueStore } from '../booking/outbox';
import { buildAuthorization, codeFromRedirect, PendingAuthorization, type AuthorizeInput } from './authorize';
import type { SmartCrypto } from './pkce';
import { discoverSmart } from './smart-configuration';
import { SmartAuthError } from './smart-errors';
import { requestToken, toTokenSet, TokenSet } from './token';

export interface SmartSessionDeps {
  store: Pick<KeyValueStore, 'get' | 'set' | 'remove'>;
  fetch: typeof fetch;
  crypto: SmartCrypto;
  now?: () => number;
  /** Refresh this long before expiry, so a request never leaves with a dying token. */
  refreshMarginMs?: number;
}

/** What callers may see of a session: no token in it. */
export interface SessionInfo {
  iss: string;
  scope: string;
  patient?: string;
  encounter?: string;
  fhirUser?: string;
  expiresAt?: number;
  refreshable: boolean;
}

const PENDING = 'smart.pending';
const TOKENS = 'smart.tokens';
/** A sign-in left open longer than this is dead (the server's code would be too). */
const PENDING_MAX_AGE_MS = 10 * 60_000;

export function createSmartSession(deps: SmartSessionDeps) {
  const now = deps.now ?? Date.now;
  const margin = deps.refreshMarginMs ?? 30_000;
  let refreshing: Promise<boolean> | undefined;

  async function read<T>(key: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T | undefined> {
    const raw = await deps.store.get(key);
    if (raw === undefined) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Discovers the server and returns the URL to open; the PKCE verifier and state stay in the store. */
  async function begin(input: AuthorizeInput): Promise<string> {
    const config = await discoverSmart(input.iss, deps.fetch);
    const { url, pending } = await buildAuthorization(config, input, deps.crypto, now());
    await deps.store.set(PENDING, JSON.stringify(pending));
    return url;
  }

  /** Redeems the code from the redirect. The pending authorization is single-use. */
  async function complete(redirectUrl: string): Promise<SessionInfo> {
    const pending = await read(PENDING, PendingAuthorization);
    await deps.store.remove(PENDING);
    if (!pending || now() - pending.createdAt > PENDING_MAX_AGE_MS) throw new SmartAuthError('state-mismatch', 'No sign-in is in progress (it may have timed out); start again');
    const code = codeFromRedirect(redirectUrl, pending);
    const response = await requestToken(pending.tokenEndpoint, {
      grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier,
    }, deps.fetch);
    const tokens = toTokenSet(response, pending, now());
    await deps.store.set(TOKENS, JSON.stringify(tokens));
    return infoOf(tokens);
  }

  async function doRefresh(): Promise<boolean> {
    const tokens = await read(TOKENS, TokenSet);
    if (!tokens?.refreshToken) return false;
    try {
      const response = await requestToken(tokens.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: tokens.clientId }, deps.fetch);
      await deps.store.set(TOKENS, JSON.stringify(toTokenSet(response, tokens, now(), tokens)));
      return true;
    } catch {
      // A refused refresh means the session is over; keeping the dead token would only produce more 401s.
      await deps.store.remove(TOKENS);
      return false;
    }
  }

  /** Single-flight: concurrent 401s share one refresh. */
  function refresh(): Promise<boolean> {
    refreshing ??= doRefresh().finally(() => (refreshing = undefined));
    return refreshing;
  }

  /** "Bearer …" for createFetchTransport, refreshed shortly before expiry; undefined when signed out. */
  async function authorization(): Promise<string | undefined> {
    let tokens = await read(TOKENS, TokenSet);
    if (tokens?.expiresAt !== undefined && tokens.expiresAt - now() < margin && tokens.refreshToken) {
      await refresh();
      tokens = await read(TOKENS, TokenSet);
    }
    return tokens ? `Bearer ${tokens.accessToken}` : undefined;
  }

  async function info(): Promise<SessionInfo | undefined> {
    const tokens = await read(TOKENS, TokenSet);
    return tokens && infoOf(tokens);
  }

  async function signOut(): Promise<void> {
    await deps.store.remove(TOKENS);
    await deps.store.remove(PENDING);
  }

  return { begin, complete, authorization, refresh, info, signOut };
}
export type SmartSession = ReturnType<typeof createSmartSession>;

function infoOf(t: TokenSet): SessionInfo {
  return { iss: t.iss, scope: t.scope, patient: t.patient, encounter: t.encounter, fhirUser: t.fhirUser, expiresAt: t.expiresAt, refreshable: Boolean(t.refreshToken) };
}
