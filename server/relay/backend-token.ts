// SMART Backend Services: a client_credentials grant authenticated by a signed
// JWT assertion (ES384, the relay's sandbox key). The token is reused until a
// minute before it expires, so an interval runner does not sign on every tick.
import { readFileSync } from 'node:fs';
import { importJWK, SignJWT, type JWK } from 'jose';
import { z } from 'zod';

const TokenResponse = z.looseObject({ access_token: z.string(), expires_in: z.number().optional() });
const Jwk = z.looseObject({ kty: z.string(), kid: z.string().optional() });

export interface BackendClient {
  tokenUrl: string;
  clientId: string;
  keyFile: string;
  scope: string;
}

export function backendAuthorization(client: BackendClient, now: () => number = Date.now): () => Promise<string> {
  let cached: { value: string; until: number } | undefined;
  return async () => {
    if (cached && cached.until > now()) return cached.value;
    const token = await requestToken(client);
    cached = { value: `Bearer ${token.access_token}`, until: now() + ((token.expires_in ?? 300) - 60) * 1000 };
    return cached.value;
  };
}

async function requestToken(client: BackendClient): Promise<z.infer<typeof TokenResponse>> {
  const jwk = Jwk.parse(JSON.parse(readFileSync(client.keyFile, 'utf8'))) as JWK;
  const key = await importJWK(jwk, 'ES384');
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(client.clientId).setSubject(client.clientId).setAudience(client.tokenUrl)
    .setJti(crypto.randomUUID()).setExpirationTime('5m').sign(key);
  const res = await fetch(client.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', scope: client.scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion,
    }),
  });
  if (!res.ok) throw new Error(`Backend Services token from ${client.tokenUrl} failed: ${res.status} ${await res.text()}`);
  return TokenResponse.parse(await res.json());
}
