// A provider status callback applied to the text's Communication. Callbacks can arrive out of
// order (delivered before sent) and twice: a status never moves backwards, and a final one
// (delivered, undelivered, failed) stays.
import { FhirHttpError } from '../../shared/errors/errors';
import { entriesOf, type FhirApi } from '../../shared/fhir/api';
import { MESSAGING } from '../../shared/fhir/messaging-codes';
import type { TCommunication } from '../../shared/fhir/schemas';
import { withProviderStatus } from './text-plan';
import { errorWords } from './twilio-client';

const RANK: Readonly<Record<string, number>> = { accepted: 0, queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

export const providerStatusOf = (c: TCommunication) =>
  (c['extension'] as { url?: string; valueCode?: string }[] | undefined)?.find((x) => x.url === MESSAGING.providerStatus)?.valueCode;

async function findBySid(api: FhirApi, sid: string): Promise<TCommunication | undefined> {
  // The callback can beat the sender's own write of the sid by a few milliseconds: look again, briefly.
  for (let i = 0; i < 10; i++) {
    const found = entriesOf(await api.search('Communication', { identifier: `${MESSAGING.providerSid}|${sid}` }), 'Communication')[0];
    if (found) return found;
    await new Promise((ok) => setTimeout(ok, 100 * (i + 1)));
  }
  return undefined;
}

/** The text after the provider reported `status`; undefined when that changes nothing (not newer, or unknown). */
export function afterStatus(text: TCommunication, status: string, code: number | undefined, now: Date): Record<string, unknown> | undefined {
  if (!(status in RANK)) return undefined;
  const current = providerStatusOf(text);
  if (current && (RANK[current] ?? 0) >= (RANK[status] ?? 0)) return undefined;
  const change = status === 'delivered' ? { status: 'completed', received: now.toISOString() }
    : status === 'failed' || status === 'undelivered'
      ? { status: 'not-done', statusReason: { text: `Not delivered: ${errorWords(code, 'the carrier could not deliver it')}${code ? ` (error ${code})` : ''}` } }
      : {};
  return withProviderStatus({ ...text, ...change }, status);
}

export async function applyStatus(api: FhirApi, params: URLSearchParams, now: Date): Promise<'updated' | 'unchanged' | 'unknown'> {
  const sid = params.get('MessageSid') ?? '';
  const status = params.get('MessageStatus') ?? '';
  if (!sid || !(status in RANK)) return 'unknown';
  for (let attempt = 0; attempt < 3; attempt++) {
    const text = await findBySid(api, sid);
    if (!text?.id) return 'unknown';
    const next = afterStatus(text, status, Number(params.get('ErrorCode') ?? '') || undefined, now);
    if (!next) return 'unchanged';
    try {
      await api.update('Communication', text.id, next, text.meta?.versionId);
      return 'updated';
    } catch (error) {
      // The sender (or another callback) wrote first: read again and decide again.
      if (!(error instanceof FhirHttpError && (error.status === 412 || error.status === 409))) throw error;
    }
  }
  return 'unchanged';
}
