// SMART discovery: {iss}/.well-known/smart-configuration, validated before use.
// A server that does not offer PKCE S256 is refused outright (SMART 2.x requires it).
import { z } from 'zod';
import { SmartAuthError } from './smart-errors';

/** https everywhere; plain http only on loopback (the sandbox and local dev). */
export function isSecureUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

const SecureUrl = z.url().refine(isSecureUrl, 'must be https (or http on localhost)');

export const SmartConfiguration = z.looseObject({
  issuer: z.string().optional(),
  authorization_endpoint: SecureUrl,
  token_endpoint: SecureUrl,
  revocation_endpoint: SecureUrl.optional(),
  code_challenge_methods_supported: z.array(z.string()).refine((m) => m.includes('S256'), 'must include S256'),
  capabilities: z.array(z.string()).default([]),
  scopes_supported: z.array(z.string()).optional(),
  grant_types_supported: z.array(z.string()).optional(),
});
export type SmartConfiguration = z.infer<typeof SmartConfiguration>;

export function normalizeIss(iss: string): string {
  return iss.replace(/\/+$/, '');
}

export async function discoverSmart(iss: string, fetchFn: typeof fetch): Promise<SmartConfiguration> {
  if (!isSecureUrl(iss)) throw new SmartAuthError('discovery', 'The FHIR server URL must be https (or http on localhost)');
  const url = `${normalizeIss(iss)}/.well-known/smart-configuration`;
  let body: unknown;
  try {
    const response = await fetchFn(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new SmartAuthError('discovery', `SMART discovery failed with HTTP ${response.status}`);
    body = await response.json();
  } catch (cause) {
    if (cause instanceof SmartAuthError) throw cause;
    throw new SmartAuthError('discovery', 'SMART discovery failed: no usable answer from the server', cause);
  }
  const parsed = SmartConfiguration.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SmartAuthError('discovery', `The server's SMART configuration is unusable: ${issue?.path.join('.') || 'document'} ${issue?.message ?? 'is invalid'}`, parsed.error);
  }
  return parsed.data;
}
