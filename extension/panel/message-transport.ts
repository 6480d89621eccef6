// The side panel's FhirTransport: each request goes to the background as a
// 'fhir' message (the token stays there) and the answer is parsed with zod and
// turned back into the core's typed errors, so the shared UI cannot tell the
// difference from a direct fetch.
import { CareRelayError, FhirHttpError, MalformedResponseError, NetworkError, SessionExpiredError } from '../../shared/errors/errors';
import { OperationOutcome } from '../../shared/fhir/schemas';
import type { FhirTransport } from '../../shared/fhir/transport';
import { FhirProxyResult, type PanelMessage } from '../messages';

export type SendToBackground = (message: PanelMessage) => Promise<unknown>;

export function createMessageTransport(send: SendToBackground): FhirTransport {
  return async (request) => {
    let answer: unknown;
    try {
      answer = await send({ type: 'fhir', request: { method: request.method, url: request.url, headers: request.headers, body: request.body } });
    } catch (cause) {
      // The worker was restarting or the extension reloaded: the request may be retried.
      throw new NetworkError(request.method, request.url.split('?')[0] ?? '', cause);
    }
    const result = FhirProxyResult.safeParse(answer);
    if (!result.success) throw new MalformedResponseError('extension background', 'no usable answer to a FHIR request', result.error);
    if (result.data.ok) {
      const headers = result.data.headers;
      return { status: result.data.status, headers: { get: (name) => headers[name.toLowerCase()] ?? null }, body: result.data.body };
    }
    const e = result.data.error;
    const path = e.url ?? request.url.split('?')[0] ?? '';
    switch (e.kind) {
      case 'http': {
        const outcome = OperationOutcome.safeParse(e.outcome);
        throw new FhirHttpError(e.status ?? 500, e.method ?? request.method, path, outcome.success ? outcome.data : undefined, e.retryAfterMs);
      }
      case 'network':
        throw new NetworkError(e.method ?? request.method, path, new Error(e.message));
      case 'session':
        throw new SessionExpiredError(e.message);
      case 'malformed':
        throw new MalformedResponseError(path, e.message);
      case 'refused':
        throw new CareRelayError(e.message);
    }
  };
}
