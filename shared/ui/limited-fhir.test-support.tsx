// For the shared/ui write tests: an in-memory FHIR server that has NO transactions
// and no conditional create (as the sandbox's limited mode), honours If-Match,
// and logs every request; plus the providers a component under test needs.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { KeyValueStore } from '../booking/outbox';
import { FhirHttpError } from '../errors/errors';
import type { FhirRequest, FhirResponse } from '../fhir/transport';
import { FhirProvider, type PatientContext } from './data/fhir-context';

export type Res = Record<string, unknown> & { resourceType: string; id: string; meta?: { versionId?: string } };

export function limitedFhir(initial: Res[]) {
  const db = new Map<string, Res>(initial.map((r) => [`${r.resourceType}/${r.id}`, { ...r, meta: { versionId: '1' } }]));
  const log: string[] = [];
  let n = 0;
  const ok = (body: unknown, status = 200): FhirResponse => ({ status, headers: new Headers(), body });
  const matches = (r: Res, params: URLSearchParams) => [...params].every(([k, v]) => {
    if (k === 'identifier') return JSON.stringify(r.identifier ?? '').includes(`"value":"${v.split('|')[1] ?? ''}"`);
    if (k === 'based-on') return JSON.stringify(r.basedOn ?? '').includes(`"reference":"${v}"`);
    return true;
  });
  const transport = async (req: FhirRequest): Promise<FhirResponse> => {
    log.push(`${req.method} ${req.url.split('?')[0] ?? ''}${req.url === '' ? ` ${String((req.body as { type?: string }).type)}` : ''}`);
    const [path = '', query = ''] = req.url.split('?');
    const [type = '', id] = path.split('/');
    if (req.method === 'GET' && type === 'metadata') {
      return ok({ resourceType: 'CapabilityStatement', rest: [{ interaction: [{ code: 'batch' }], resource: ['ServiceRequest', 'Task', 'Location'].map((t) => ({ type: t, conditionalCreate: false })) }] });
    }
    if (req.method === 'POST' && path === '') throw new FhirHttpError(400, 'POST', '', { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-supported', diagnostics: 'This server does not support transactions' }] });
    if (req.headers?.['If-None-Exist']) throw new FhirHttpError(400, 'POST', type);
    if (req.method === 'GET' && id) {
      const found = db.get(path);
      if (!found) throw new FhirHttpError(404, 'GET', path);
      return ok(found);
    }
    if (req.method === 'GET') {
      const params = new URLSearchParams(query);
      return ok({ resourceType: 'Bundle', type: 'searchset', entry: [...db.values()].filter((r) => r.resourceType === type && matches(r, params)).map((resource) => ({ resource })) });
    }
    const key = id ? path : `${type}/${type.toLowerCase()}-${++n}`;
    const current = db.get(key);
    if (req.headers?.['If-Match'] && req.headers['If-Match'] !== `W/"${current?.meta?.versionId ?? ''}"`) throw new FhirHttpError(412, req.method, path);
    const saved = { ...(req.body as Res), id: key.split('/')[1] ?? '', meta: { versionId: String(Number(current?.meta?.versionId ?? 0) + 1) } };
    db.set(key, saved);
    return ok(saved, current ? 200 : 201);
  };
  return { db, log, transport, writes: () => log.filter((l) => !l.startsWith('GET')) };
}

const memory = (): KeyValueStore => {
  const m = new Map<string, string>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v), remove: async (k) => void m.delete(k), keys: async () => [...m.keys()] };
};

export function providers(transport: FhirRequestHandler, context: PatientContext) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const store = memory();
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={client}>
        <FhirProvider transport={transport} store={store} context={context} pollMs={60_000}>{children}</FhirProvider>
      </QueryClientProvider>
    );
  };
}
type FhirRequestHandler = (req: FhirRequest) => Promise<FhirResponse>;
