// PKCE (RFC 7636, S256 only) and the random values of an authorization request,
// from WebCrypto handed in, so the same code runs in a service worker and in Node.
export interface SmartCrypto {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
  subtle: Pick<SubtleCrypto, 'digest'>;
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomBase64url(crypto: SmartCrypto, byteLength: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export async function s256(crypto: SmartCrypto, verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** 64 random bytes → an 86-character verifier (RFC 7636 allows 43–128). */
export async function createPkce(crypto: SmartCrypto): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomBase64url(crypto, 64);
  return { verifier, challenge: await s256(crypto, verifier) };
}
