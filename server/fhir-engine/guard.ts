import type { IncomingMessage } from 'node:http';
import { forbidden, OperationOutcomeError, unauthorized } from '@medplum/core';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import type { AccessContext, EngineAuth } from './contracts';
import { confinedPatient, isForeign, requestedAccess, writtenResources } from './access';
import { outcomeOf, READ_ONLY_TYPE } from './http-io';
import type { CapabilityToggles } from './types';

/** Thrown for a missing or bad token; carries the WWW-Authenticate challenge. */
export class UnauthenticatedError extends Error {
  constructor(readonly challenge: string, readonly outcome: OperationOutcome = unauthorized) {
    super('Unauthenticated');
  }
}

export interface Caller {
  ctx: AccessContext | null;
  /** The patient a patient-scoped token is confined to. */
  patient: string | undefined;
}

export async function authenticate(auth: EngineAuth | null, req: IncomingMessage, realm: string): Promise<Caller> {
  if (!auth) return { ctx: null, patient: undefined };
  const header = req.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) throw new UnauthenticatedError(`Bearer realm="${realm}"`);
  const ctx = await auth.authenticate(token);
  if (!ctx) {
    throw new UnauthenticatedError(
      `Bearer realm="${realm}", error="invalid_token", error_description="The access token is missing, unknown or expired"`,
    );
  }
  return { ctx, patient: confinedPatient(ctx) };
}

/** Scope and patient-context checks made before the engine runs; throws 403. */
export function authorize(
  auth: EngineAuth | null,
  caller: Caller,
  method: string,
  segments: string[],
  query: URLSearchParams,
  body: unknown,
): void {
  if (!auth || !caller.ctx) return;
  const ctx = caller.ctx;
  for (const access of requestedAccess(method, segments, query, body)) {
    if (!auth.allows(ctx, access.interaction, access.resourceType)) {
      throw new OperationOutcomeError(outcomeOf('forbidden', `Scopes do not allow ${access.interaction} on ${access.resourceType}`, 'forbidden'));
    }
    if (caller.patient && access.resourceType === 'Patient' && access.id && access.id !== caller.patient) {
      throw new OperationOutcomeError(forbidden);
    }
  }
  // A write to another patient's record needs a user/ or system/ scope for that type: with a
  // launch patient, patient/ scopes reach only that patient, whatever else the token holds.
  const reachesBeyond = (type: string) => auth.allowsBeyondPatient(ctx, 'update', type) || auth.allowsBeyondPatient(ctx, 'create', type);
  if (method !== 'GET' && writtenResources(body).some((r) => isForeign(r, ctx.patient) && !reachesBeyond(r.resourceType))) {
    throw new OperationOutcomeError(outcomeOf('forbidden', 'Write outside the launch patient', 'forbidden'));
  }
}

/** Refuses what the toggles switched off, before any entry is processed. */
export function checkCapabilities(toggles: CapabilityToggles, req: IncomingMessage, segments: string[], body: unknown): void {
  const bundle = segments.length === 0 && req.method === 'POST' ? (body as Bundle | undefined) : undefined;
  if (bundle?.type === 'transaction' && !toggles.transactions) {
    throw new OperationOutcomeError(outcomeOf('not-supported', 'This server does not support transactions; use batch', 'not-supported'));
  }
  const conditional = req.headers['if-none-exist'] !== undefined || bundle?.entry?.some((e) => e.request?.ifNoneExist);
  if (conditional && !toggles.conditionalCreate) {
    throw new OperationOutcomeError(outcomeOf('not-supported', 'This server does not support conditional create (If-None-Exist)', 'not-supported'));
  }
}

/** Refuses a request (or any bundle entry) for a resource type this server does not serve. */
export function checkServed(served: readonly string[], method: string, segments: string[], query: URLSearchParams, body: unknown): void {
  const [type] = segments;
  const asked = requestedAccess(method, segments, query, body).map((a) => a.resourceType);
  if (type && !asked.includes(type)) asked.push(type);
  const unserved = asked.find((t) => !served.includes(t));
  if (unserved) {
    throw new OperationOutcomeError(outcomeOf('not-supported', `${unserved} is not served here (this server serves ${served.join(', ')})`, 'not-served'));
  }
}

/** Write guard for the repository: covers direct writes and every bundle entry. */
export function writeGuard(toggles: CapabilityToggles): (resourceType: string) => void {
  return (resourceType) => {
    const writable = (toggles.writableTypes === null || toggles.writableTypes.includes(resourceType)) &&
      (resourceType !== 'Subscription' || toggles.subscriptions);
    if (!writable) {
      throw new OperationOutcomeError(outcomeOf('not-supported', `${resourceType} is read-only on this server`, READ_ONLY_TYPE));
    }
  };
}
