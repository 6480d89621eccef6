// Builds the authorization request (code flow, PKCE S256, ≥128-bit state,
// aud = the FHIR base) and checks the redirect that answers it.
import { z } from 'zod';
import { createPkce, randomBase64url, type SmartCrypto } from './pkce';
import { normalizeIss, type SmartConfiguration } from './smart-configuration';
import { SmartAuthError } from './smart-errors';

export interface AuthorizeInput {
  iss: string;
  clientId: string;
  redirectUri: string;
  /** Space-separated; add "launch/patient" for a standalone patient picker, "launch" with an EHR launch. */
  scope: string;
  /** The EHR's opaque launch value (EHR launch). */
  launch?: string;
}

/** What must survive until the redirect: never sent anywhere except the token endpoint. */
export const PendingAuthorization = z.object({
  state: z.string().min(22),
  verifier: z.string().min(43).max(128),
  iss: z.string(),
  clientId: z.string(),
  redirectUri: z.string(),
  tokenEndpoint: z.string(),
  createdAt: z.number(),
});
export type PendingAuthorization = z.infer<typeof PendingAuthorization>;

export async function buildAuthorization(config: SmartConfiguration, input: AuthorizeInput, crypto: SmartCrypto, now: number): Promise<{ url: string; pending: PendingAuthorization }> {
  const { verifier, challenge } = await createPkce(crypto);
  // 32 bytes = 256 bits, twice what SMART asks.
  const state = randomBase64url(crypto, 32);
  const iss = normalizeIss(input.iss);
  const url = new URL(config.authorization_endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: input.scope,
    state,
    aud: iss,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  if (input.launch) params.launch = input.launch;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { url: url.toString(), pending: { state, verifier, iss, clientId: input.clientId, redirectUri: input.redirectUri, tokenEndpoint: config.token_endpoint, createdAt: now } };
}

/** The code from the redirect, after checking it is our redirect URI and answers our state. */
export function codeFromRedirect(redirectUrl: string, pending: PendingAuthorization): string {
  let url: URL;
  try {
    url = new URL(redirectUrl);
  } catch (cause) {
    throw new SmartAuthError('redirect', 'The sign-in did not return to CareRelay', cause);
  }
  const expected = new URL(pending.redirectUri);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) throw new SmartAuthError('redirect', 'The sign-in returned to an unexpected address');
  const params = url.searchParams;
  if (params.get('state') !== pending.state) throw new SmartAuthError('state-mismatch', 'The sign-in answer does not match the sign-in CareRelay started; start again');
  const error = params.get('error');
  if (error) {
    const description = (params.get('error_description') ?? '').slice(0, 200);
    throw new SmartAuthError('denied', `Sign-in was refused (${error.slice(0, 64)})${description ? `: ${description}` : ''}`);
  }
  const code = params.get('code');
  if (!code) throw new SmartAuthError('redirect', 'The sign-in answer carries no authorization code');
  return code;
}
