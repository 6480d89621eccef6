// The FHIR requester the core receives. A transport is a fetch plus a way to get
// an Authorization header; the shells supply both (fhirclient in the app, the
// thin SMART client in the extension background), so the core never knows how
// the session was made.
import { FhirHttpError, MalformedResponseError, NetworkError, SessionExpiredError } from '../errors/errors';
import { OperationOutcome } from './schemas';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface FhirRequest {
  method: HttpMethod;
  /** Relative to the FHIR base ("Task?patient=1") or absolute (paging links). */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface FhirResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** Parsed JSON body, or undefined for an empty body. */
  body: unknown;
}

export type FhirTransport = (request: FhirRequest) => Promise<FhirResponse>;

export interface FetchTransportOptions {
  baseUrl: string;
  fetch: typeof fetch;
  /** Returns "Bearer …", or undefined when no session is needed. */
  authorization?: () => Promise<string | undefined>;
  /** Called once on a 401; resolves true if the session was refreshed and the request may be retried. */
  refresh?: () => Promise<boolean>;
}

export function createFetchTransport(options: FetchTransportOptions): FhirTransport {
  const base = options.baseUrl.replace(/\/+$/, '') + '/';
  return async function transport(request) {
    const url = /^https?:/.test(request.url) ? request.url : base + request.url.replace(/^\/+/, '');
    let response = await send(options, url, request);
    if (response.status === 401 && options.refresh) {
      if (!(await options.refresh())) throw new SessionExpiredError();
      response = await send(options, url, request);
      if (response.status === 401) throw new SessionExpiredError('The EHR refused the refreshed session');
    }
    return finish(request.method, url, response);
  };
}

async function send(options: FetchTransportOptions, url: string, request: FhirRequest): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/fhir+json', ...request.headers };
  const auth = await options.authorization?.();
  if (auth) headers.Authorization = auth;
  if (request.body !== undefined) headers['Content-Type'] = 'application/fhir+json';
  try {
    return await options.fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    });
  } catch (cause) {
    if (request.signal?.aborted) throw cause;
    throw new NetworkError(request.method, stripQuery(url), cause);
  }
}

async function finish(method: string, url: string, response: Response): Promise<FhirResponse> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new NetworkError(method, stripQuery(url), cause);
  }
  let body: unknown;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch (cause) {
      if (response.status >= 400) body = undefined;
      else throw new MalformedResponseError(stripQuery(url), 'the body is not valid JSON', cause);
    }
  }
  if (response.status >= 400) {
    const outcome = OperationOutcome.safeParse(body);
    throw new FhirHttpError(response.status, method, stripQuery(url), outcome.success ? outcome.data : undefined, retryAfterMs(response.headers.get('Retry-After')));
  }
  return { status: response.status, headers: response.headers, body };
}

/** Never put query strings (they can hold identifiers) into error messages or logs. */
function stripQuery(url: string): string {
  return url.split('?')[0] ?? url;
}

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
