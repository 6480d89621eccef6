// Performs a side panel's FHIR request with the session's token and answers with
// status, a few headers and the body. Only requests to the configured FHIR base
// leave: the token must never follow a URL a page chose.
import { CareRelayError, FhirHttpError, MalformedResponseError, NetworkError, SessionExpiredError } from '../../shared/errors/errors';
import type { FhirTransport } from '../../shared/fhir/transport';
import type { FhirProxyResult, PanelMessage } from '../messages';

type ProxiedRequest = Extract<PanelMessage, { type: 'fhir' }>['request'];

const REQUEST_HEADERS = ['if-match', 'if-none-match', 'if-none-exist', 'prefer'];
const RESPONSE_HEADERS = ['etag', 'location', 'content-location', 'last-modified', 'retry-after'];

/** The request URL relative to the base, or undefined when it points anywhere else. */
export function relativeToBase(url: string, base: string): string | undefined {
  let relative = url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    if (!url.startsWith(`${base}/`) && url !== base) return undefined;
    relative = url.slice(base.length + 1);
  }
  if (relative.startsWith('/') || relative.includes('\\') || /(^|\/)\.\.?(\/|\?|#|$)/.test(relative.split('?')[0] ?? '')) return undefined;
  return relative;
}

export async function proxyFhir(request: ProxiedRequest, base: string, transport: FhirTransport | undefined): Promise<FhirProxyResult> {
  if (!transport) return { ok: false, error: { kind: 'session', message: 'Sign in to CareRelay first' } };
  const url = relativeToBase(request.url, base);
  if (url === undefined) return { ok: false, error: { kind: 'refused', message: 'CareRelay only talks to the configured FHIR server' } };
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => REQUEST_HEADERS.includes(name.toLowerCase())));
  try {
    const response = await transport({ method: request.method, url, headers, body: request.body });
    const kept: Record<string, string> = {};
    for (const name of RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) kept[name] = value;
    }
    return { ok: true, status: response.status, headers: kept, body: response.body };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

function describe(error: unknown): Extract<FhirProxyResult, { ok: false }>['error'] {
  if (error instanceof FhirHttpError) return { kind: 'http', message: error.message, status: error.status, method: error.method, url: error.url, outcome: error.outcome, retryAfterMs: error.retryAfterMs };
  if (error instanceof NetworkError) return { kind: 'network', message: error.message, method: error.method, url: error.url };
  if (error instanceof SessionExpiredError) return { kind: 'session', message: error.message };
  if (error instanceof MalformedResponseError) return { kind: 'malformed', message: error.message, url: error.url };
  return { kind: 'network', message: error instanceof CareRelayError ? error.message : 'The request failed' };
}
