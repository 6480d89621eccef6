// The transport against a faked network (msw): typed errors for every way a FHIR
// server can answer badly, refresh on 401, and no query strings in messages.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirHttpError, MalformedResponseError, NetworkError, SessionExpiredError } from '../errors/errors';
import { toUserMessage } from '../errors/user-message';
import { createFhirApi } from './api';
import { createFetchTransport, retryAfterMs } from './transport';

const BASE = 'https://ehr.example.org/fhir';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'version mismatch' }] };

function api(token = { value: 'a' }, refresh?: () => Promise<boolean>) {
  return createFhirApi(createFetchTransport({ baseUrl: BASE, fetch, authorization: async () => `Bearer ${token.value}`, refresh }));
}

describe('createFetchTransport', () => {
  it('sends the bearer token and parses a resource with its schema', async () => {
    server.use(http.get(`${BASE}/Patient/p1`, ({ request }) =>
      request.headers.get('authorization') === 'Bearer a' ? HttpResponse.json({ resourceType: 'Patient', id: 'p1' }) : new HttpResponse(null, { status: 401 })));
    await expect(api().read('Patient', 'p1')).resolves.toMatchObject({ id: 'p1' });
  });

  it('turns 412 into a FhirHttpError carrying the OperationOutcome, and a message telling the user it was reloaded', async () => {
    server.use(http.put(`${BASE}/Task/t1`, () => HttpResponse.json(outcome, { status: 412 })));
    const error = await api().update('Task', 't1', { resourceType: 'Task' }, '3').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirHttpError);
    expect((error as FhirHttpError).outcome?.issue[0]?.diagnostics).toBe('version mismatch');
    expect(toUserMessage(error).title).toBe('Someone else changed this booking');
  });

  it('reads Retry-After on 429 and marks it retryable', async () => {
    server.use(http.get(`${BASE}/Task`, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '3' } })));
    const error = (await api().search('Task', { patient: 'p1' }).catch((e: unknown) => e)) as FhirHttpError;
    expect(error.retryAfterMs).toBe(3000);
    expect(error.retryable).toBe(true);
  });

  it('reports malformed JSON and wrong shapes as MalformedResponseError, never a crash', async () => {
    server.use(http.get(`${BASE}/Patient/p1`, () => new HttpResponse('{"resourceType":"Pat', { status: 200 })));
    await expect(api().read('Patient', 'p1')).rejects.toBeInstanceOf(MalformedResponseError);
    server.use(http.get(`${BASE}/Task/t1`, () => HttpResponse.json({ resourceType: 'Task', status: 7 })));
    await expect(api().read('Task', 't1')).rejects.toThrow(/status/);
  });

  it('reports a dropped connection as NetworkError without the query string', async () => {
    server.use(http.get(`${BASE}/Patient`, () => HttpResponse.error()));
    const error = await api().search('Patient', { identifier: 'mrn|12345' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(String((error as Error).message)).not.toContain('12345');
  });

  it('refreshes once on 401 and retries; a second 401 ends the session', async () => {
    const token = { value: 'old' };
    server.use(http.get(`${BASE}/Patient/p1`, ({ request }) =>
      request.headers.get('authorization') === 'Bearer new' ? HttpResponse.json({ resourceType: 'Patient', id: 'p1' }) : new HttpResponse(null, { status: 401 })));
    await expect(api(token, async () => { token.value = 'new'; return true; }).read('Patient', 'p1')).resolves.toMatchObject({ id: 'p1' });
    await expect(api({ value: 'x' }, async () => true).read('Patient', 'p1')).rejects.toBeInstanceOf(SessionExpiredError);
    await expect(api({ value: 'x' }, async () => false).read('Patient', 'p1')).rejects.toBeInstanceOf(SessionExpiredError);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
