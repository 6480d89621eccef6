// The token endpoint as a public client: client_id in the body, no secret.
// Responses are parsed with zod; the stored session keeps what the app needs.
import { z } from 'zod';
import { SmartAuthError } from './smart-errors';

export const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().refine((t) => t.toLowerCase() === 'bearer', 'must be Bearer'),
  expires_in: z.number().positive().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().optional(),
  patient: z.string().min(1).optional(),
  encounter: z.string().min(1).optional(),
  need_patient_banner: z.boolean().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** A session as stored (storage the caller trusts with tokens only). */
export const TokenSet = z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  /** Epoch ms; undefined when the server did not say. */
  expiresAt: z.number().optional(),
  scope: z.string(),
  patient: z.string().optional(),
  encounter: z.string().optional(),
  fhirUser: z.string().optional(),
  iss: z.string(),
  clientId: z.string(),
  tokenEndpoint: z.string(),
});
export type TokenSet = z.infer<typeof TokenSet>;

export async function requestToken(tokenEndpoint: string, form: Record<string, string>, fetchFn: typeof fetch): Promise<TokenResponse> {
  let response: Response;
  try {
    response = await fetchFn(tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    });
  } catch (cause) {
    throw new SmartAuthError('token', 'The sign-in server could not be reached', cause);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = z.object({ error: z.string().max(64) }).safeParse(body);
    throw new SmartAuthError('token', `The sign-in server refused the request (HTTP ${response.status}${error.success ? `, ${error.data.error}` : ''})`);
  }
  const parsed = TokenResponse.safeParse(body);
  if (!parsed.success) throw new SmartAuthError('token', `The token response is unusable: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export function toTokenSet(response: TokenResponse, base: { iss: string; clientId: string; tokenEndpoint: string }, now: number, previous?: TokenSet): TokenSet {
  return {
    ...base,
    accessToken: response.access_token,
    // A refresh response may omit the refresh token (no rotation): keep the old one.
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    expiresAt: response.expires_in ? now + response.expires_in * 1000 : undefined,
    scope: response.scope ?? previous?.scope ?? '',
    patient: response.patient ?? previous?.patient,
    encounter: response.encounter ?? previous?.encounter,
    fhirUser: fhirUserOf(response.id_token) ?? previous?.fhirUser,
  };
}

/**
 * fhirUser claim of the id_token. Read, not verified: the token came straight from
 * the token endpoint over TLS (OIDC Core 3.1.3.7), and it only names the requester.
 */
export function fhirUserOf(idToken?: string): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const claim = z.object({ fhirUser: z.string().max(300) }).safeParse(json);
    if (!claim.success) return undefined;
    // Absolute fhirUser URLs become relative references ("Practitioner/1").
    return claim.data.fhirUser.replace(/^.*?\b((Practitioner|PractitionerRole|Patient|RelatedPerson|Person)\/[^/]+)$/, '$1');
  } catch {
    return undefined;
  }
}
