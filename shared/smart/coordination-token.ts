// Identity from the EHR launch, no second sign-in: the app presents what the EHR's SMART
// launch gave it (the id_token and the EHR access token) to CareRelay's coordination
// server, which checks both at the EHR and issues its own short-lived token (RFC 8693 token
// exchange; server/coordination/token-exchange.ts). This is the client half: one exchange at
// a time, the token kept in memory only, renewed before it expires, and re-obtained after a
// 401. An id_token can be exchanged once; when it has been (a reload), the server's refresh
// token is used, or the EHR session is refreshed for a new id_token.
import { z } from 'zod';
import { SessionExpiredError } from '../errors/errors';
import { isSecureUrl } from './smart-configuration';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export interface EhrIdentity {
  idToken: string;
  accessToken: string;
}

export interface CoordinationTokenOptions {
  /** The coordination server's FHIR base (the deployment's bookingsServer). */
  fhirBase: string;
  /** Its token endpoint, when discovery was started earlier (discoverTokenEndpoint, during the launch). */
  tokenEndpoint?: Promise<string>;
  fetch: typeof fetch;
  /** What the EHR launch gave the app now (after an EHR refresh, the new tokens). */
  identity: () => EhrIdentity | undefined;
  /** Refreshes the EHR session for a new id_token; false when it cannot. */
  renewIdentity?: () => Promise<boolean>;
  /** The launch patient: the token is confined to it. Absent: a user-level token. */
  patient?: string;
  /** Where the coordination server's refresh token survives a reload (sessionStorage, never localStorage). */
  store?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now?: () => number;
}

export interface CoordinationToken {
  /** "Bearer …" for the next request to the coordination server. */
  authorization(): Promise<string>;
  /** After a 401: drop the token and get a new one; false when no new one can be had. */
  refresh(): Promise<boolean>;
}

const Granted = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
});
const Refused = z.looseObject({ error: z.string(), error_description: z.string().optional() });
const Discovery = z.looseObject({ token_endpoint: z.string().refine(isSecureUrl, 'must be https (or http on localhost)') });

/** What went wrong getting a coordination token, in words a user can act on. */
export class CoordinationSignInError extends SessionExpiredError {}

/** The token endpoint from the coordination server's SMART configuration. */
export async function discoverTokenEndpoint(fhirBase: string, fetchFn: typeof fetch): Promise<string> {
  const url = `${fhirBase.replace(/\/+$/, '')}/.well-known/smart-configuration`;
  const res = await fetchFn(url, { headers: { Accept: 'application/json' } }).catch((cause: unknown) => {
    throw new CoordinationSignInError("CareRelay's coordination server did not answer; try again", cause);
  });
  const parsed = Discovery.safeParse(res.ok ? await res.json().catch(() => undefined) : undefined);
  if (!parsed.success) throw new CoordinationSignInError(`CareRelay's coordination server does not say where to get a token (HTTP ${res.status})`);
  return parsed.data.token_endpoint;
}

export function coordinationToken(o: CoordinationTokenOptions): CoordinationToken {
  const now = o.now ?? Date.now;
  const storeKey = `carerelay.coordination.refresh.${o.patient ?? 'user'}`;
  let current: { header: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  let tokenUrl = o.tokenEndpoint;
  const endpoint = () => {
    tokenUrl ??= discoverTokenEndpoint(o.fhirBase, o.fetch);
    // A failed discovery is not remembered: the next request asks again.
    tokenUrl.catch(() => (tokenUrl = undefined));
    return tokenUrl;
  };

  async function post(form: Record<string, string>): Promise<{ ok: true; grant: z.infer<typeof Granted> } | { ok: false; status: number; error: string; description: string }> {
    const res = await o.fetch(await endpoint(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    }).catch((cause: unknown) => {
      throw new CoordinationSignInError("CareRelay's coordination server did not answer; try again", cause);
    });
    const body: unknown = await res.json().catch(() => undefined);
    if (res.ok) {
      const granted = Granted.safeParse(body);
      if (granted.success) return { ok: true, grant: granted.data };
      return { ok: false, status: res.status, error: 'invalid_response', description: 'The coordination server answered without a token' };
    }
    const refused = Refused.safeParse(body);
    return { ok: false, status: res.status, error: refused.success ? refused.data.error : 'server_error', description: refused.success ? refused.data.error_description ?? refused.data.error : `HTTP ${res.status}` };
  }

  const exchangeForm = (identity: EhrIdentity): Record<string, string> => ({
    grant_type: TOKEN_EXCHANGE,
    subject_token: identity.idToken,
    subject_token_type: ID_TOKEN_TYPE,
    actor_token: identity.accessToken,
    actor_token_type: ACCESS_TOKEN_TYPE,
    ...(o.patient ? { patient: o.patient } : {}),
  });

  async function obtain(): Promise<string> {
    // 1. The refresh token from an earlier exchange in this tab (a reload, or a long shift).
    const saved = o.store?.getItem(storeKey);
    if (saved) {
      const refreshed = await post({ grant_type: 'refresh_token', refresh_token: saved });
      if (refreshed.ok) return keep(refreshed.grant);
      o.store?.removeItem(storeKey);
    }
    // 2. Exchange the EHR launch's id_token; 3. if it was used already, a fresh one from the EHR.
    const identity = o.identity();
    if (!identity) throw new CoordinationSignInError('The EHR did not give CareRelay an identity token (openid fhirUser scopes), so it cannot reach its bookings; relaunch from the chart');
    let exchanged = await post(exchangeForm(identity));
    if (!exchanged.ok && exchanged.error === 'invalid_grant' && o.renewIdentity && (await o.renewIdentity())) {
      const renewed = o.identity();
      if (renewed && renewed.idToken !== identity.idToken) exchanged = await post(exchangeForm(renewed));
    }
    if (exchanged.ok) return keep(exchanged.grant);
    throw new CoordinationSignInError(`CareRelay's coordination server did not accept this EHR sign-in: ${exchanged.description}. Relaunch CareRelay from the chart.`);
  }

  function keep(grant: z.infer<typeof Granted>): string {
    const header = `Bearer ${grant.access_token}`;
    current = { header, expiresAt: now() + (grant.expires_in ?? 300) * 1000 };
    if (grant.refresh_token) o.store?.setItem(storeKey, grant.refresh_token);
    return header;
  }

  const fresh = () => {
    pending ??= obtain().finally(() => (pending = undefined));
    return pending;
  };

  return {
    async authorization() {
      // Renewed 20 s before it expires, so a request never leaves with a token about to lapse.
      if (current && current.expiresAt - now() > 20_000) return current.header;
      return fresh();
    },
    async refresh() {
      current = undefined;
      try {
        await fresh();
        return true;
      } catch {
        return false;
      }
    },
  };
}
