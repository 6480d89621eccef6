// The extension's fixed public key (manifest "key"), so its id, and with it the
// launchWebAuthFlow redirect URI https://<id>.chromiumapp.org/, is the same on
// every machine. Only the public half exists in the repo: an unpacked extension
// needs no private key, and a store build gets its key from the store.
// How it was made, and how to check the id: see extension/README.md.
export const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAlN3iZn+x8ip0+s5WeOJPtQ6JnpAzlmjbO/YpZPt9lyOa5mTiyse8Xx8SamZ+tnclxk4uIm+PtdLk55DeqNuct0fAGQNsFYV3ESHR6UW82ajLd+QHN/1m360c0QTL8qzWxmrl1331t6aZO1MWFmhnSyL/ZlyePFrCKvB8Jjc0VxktkhuJ2n8xaq5fTS36NlIJryRubAKruYIAgFX/OIbKqknGRPM1r1CEJywwpnGvLyuo8QZCWkBAWyAmyWiRy23AOHO28mhLuBWEn71ImjUiUDs2S+Giqw0KGE2mHMb5PbYdUtupd0c6JErCGgZGVqoAQJT4VclknG/FIxqewda+HQIDAQAB';

/** Chromium's id for MANIFEST_KEY (see extensionIdOf). */
export const EXTENSION_ID = 'icfbljloohclgdcgllihgcpgeiiobmjm';

/** Chromium's rule: SHA-256 of the DER public key, first 16 bytes as hex, digits 0-f mapped to a-p. */
export async function extensionIdOf(base64Key: string, subtle: Pick<SubtleCrypto, 'digest'> = globalThis.crypto.subtle): Promise<string> {
  const der = Uint8Array.from(atob(base64Key), (c) => c.charCodeAt(0));
  const hash = new Uint8Array(await subtle.digest('SHA-256', der));
  return [...hash.slice(0, 16)].map((b) => String.fromCharCode(97 + (b >> 4), 97 + (b & 15))).join('');
}
