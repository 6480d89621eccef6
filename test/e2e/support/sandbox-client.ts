// What the tests use to look behind the UI: a SMART Backend Services token
// (signed JWT assertion, the real client_credentials flow) to read what the FHIR
// server holds, and the sandbox's control endpoints (simulator, faults).
import { backendAuthorization } from '../../../server/relay/backend-token';
import { SANDBOX_RELAY_KEY } from '../../../server/relay/relay';
import { SANDBOX } from '../../../playwright.config';
import { SYSTEMS } from '../../../shared/fhir/codes';

export const ORIGIN = `http://localhost:${SANDBOX.port}`;
export const FHIR = `${ORIGIN}/fhir/R4`;
export const APP = `http://localhost:${SANDBOX.appPort}`;

// The relay's own Backend Services client (server/relay): one token, renewed before it expires.
const authorization = backendAuthorization({ tokenUrl: `${ORIGIN}/auth/token`, clientId: 'carerelay-relay', keyFile: SANDBOX_RELAY_KEY, scope: 'system/*.cruds' });

export async function fhirGet<T = FhirBundle>(path: string): Promise<T> {
  const res = await fetch(`${FHIR}/${path}`, { headers: { Authorization: await authorization(), Accept: 'application/fhir+json' } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A write as the backend client (test set-up and clean-up); throws unless 2xx. */
export async function fhirSend(method: 'PUT' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${FHIR}/${path}`, {
    method, headers: { Authorization: await authorization(), Accept: 'application/fhir+json', 'Content-Type': 'application/fhir+json', Prefer: 'return=representation' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export interface FhirBundle { total?: number; entry?: { resource: Record<string, unknown> & { id: string; resourceType: string } }[] }

/** Every ServiceRequest and Task CareRelay wrote for a patient, by our identifier. */
export async function bookingsOnServer(patientId: string) {
  const requests = await fhirGet(`ServiceRequest?patient=${patientId}&identifier=${encodeURIComponent(SYSTEMS.bookingId + '|')}&_count=200`);
  const tasks = await fhirGet(`Task?patient=${patientId}&code=${encodeURIComponent(SYSTEMS.taskCode + '|fulfill')}&_count=200`);
  return { requests: requests.entry?.map((e) => e.resource) ?? [], tasks: tasks.entry?.map((e) => e.resource) ?? [] };
}

export async function simStep(times = 1): Promise<unknown[]> {
  const actions: unknown[] = [];
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${ORIGIN}/__sandbox/sim/step`, { method: 'POST' });
    if (!res.ok) throw new Error(`sim step: ${res.status}`);
    actions.push(await res.json());
  }
  return actions;
}

export async function setFaults(rules: unknown[]): Promise<void> {
  const res = await fetch(`${ORIGIN}/__sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) });
  if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
}

export async function clearFaults(): Promise<void> {
  await fetch(`${ORIGIN}/__sandbox/faults`, { method: 'DELETE' });
}
