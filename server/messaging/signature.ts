// Twilio's request signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed by the auth token, of
// the full URL the provider posted to followed by every form parameter, sorted by name, as
// name + value. CareRelay checks it on every webhook so nobody else can confirm a booking;
// the sandbox's stand-in signs the same way.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const data = [...new Set(params.keys())].sort().reduce((acc, key) => acc + key + (params.getAll(key).join('')), url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function validTwilioSignature(authToken: string, url: string, params: URLSearchParams, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
