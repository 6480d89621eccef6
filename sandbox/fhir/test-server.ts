import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthServer } from '../contracts';
import type { FaultController } from '../faults/index';
import { createFaultController } from '../faults/index';
import { createFhirServer } from '../../server/fhir-engine/index';
import type { FhirServer } from '../../server/fhir-engine/index';

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when empty. */
  body: unknown;
}

export interface TestFhirServer {
  base: string;
  fhir: FhirServer;
  faults: FaultController;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

/** A real HTTP server on a free port, serving the FHIR handler at /fhir/R4 and the fault admin. */
export async function startTestFhirServer(auth: AuthServer | null = null): Promise<TestFhirServer> {
  const faults = createFaultController();
  const mounted: { fhir?: FhirServer } = {};
  const http = createServer((req, res) => {
    if (req.url?.startsWith('/__sandbox/faults')) return void faults.handleAdmin(req, res);
    void mounted.fhir?.handle(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const base = `${origin}/fhir/R4`;
  const fhir = await createFhirServer({ baseUrl: base, auth, faults });
  mounted.fhir = fhir;
  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const url = path.startsWith('http') ? path : path.startsWith('/__') ? origin + path : `${base}/${path}`;
    const res = await fetch(url, {
      method,
      headers: { Accept: 'application/fhir+json', ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    base,
    fhir,
    faults,
    request,
    close: () => new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}
