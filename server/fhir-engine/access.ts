import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { AccessContext, FhirInteraction } from './contracts';

export interface RequestedAccess {
  interaction: FhirInteraction;
  resourceType: string;
  /** Set for instance-level interactions (read, update, delete). */
  id?: string;
}

/**
 * What a request asks to do, per resource type. Batches and transactions ask
 * for the union of their entries, so one forbidden entry refuses the whole bundle.
 */
export function requestedAccess(method: string, segments: string[], query: URLSearchParams, body: unknown): RequestedAccess[] {
  const [type, second, third] = segments;
  if (!type) {
    if (method === 'POST') return bundleAccess(body);
    return query.getAll('_type').flatMap((t) => t.split(',')).map((t) => ({ interaction: 'search', resourceType: t }));
  }
  if (!second) {
    if (method === 'GET') return [{ interaction: 'search', resourceType: type }];
    if (method === 'POST') return [{ interaction: 'create', resourceType: type }];
    if (method === 'DELETE') return [{ interaction: 'delete', resourceType: type }];
    return [{ interaction: 'update', resourceType: type }];
  }
  if (second === '_search') return [{ interaction: 'search', resourceType: type }];
  if (method === 'GET' || third !== undefined) return [{ interaction: 'read', resourceType: type, id: second }];
  if (method === 'DELETE') return [{ interaction: 'delete', resourceType: type, id: second }];
  return [{ interaction: 'update', resourceType: type, id: second }];
}

function bundleAccess(body: unknown): RequestedAccess[] {
  if (!isBundle(body)) return [];
  return (body.entry ?? []).flatMap((entry) => {
    const url = entry.request?.url ?? '';
    const [path = '', search = ''] = url.split('?');
    const segments = path.split('/').filter(Boolean);
    return requestedAccess(entry.request?.method ?? 'GET', segments, new URLSearchParams(search), entry.resource);
  });
}

function isBundle(body: unknown): body is Bundle {
  return typeof body === 'object' && body !== null && (body as { resourceType?: unknown }).resourceType === 'Bundle';
}

/**
 * A token confined to one patient: it has a launch patient and only
 * patient-level resource scopes (no user/ or system/ scope widening it).
 */
export function confinedPatient(ctx: AccessContext | null): string | undefined {
  if (!ctx?.patient) return undefined;
  const widening = ctx.scopes.some((s) => /^(user|system)\//.test(s));
  return widening ? undefined : ctx.patient;
}

const PATIENT_LINKS = ['subject', 'patient', 'for', 'beneficiary'] as const;

/** The patient a resource belongs to, when it names one in the usual places. */
export function owningPatient(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const record = resource as unknown as Record<string, unknown>;
  for (const field of PATIENT_LINKS) {
    const ref = (record[field] as { reference?: unknown } | undefined)?.reference;
    if (typeof ref === 'string' && ref.startsWith('Patient/')) return ref.slice('Patient/'.length);
  }
  return undefined;
}

export function isForeign(resource: Resource, patient: string | undefined): boolean {
  if (!patient) return false;
  const owner = owningPatient(resource);
  return owner !== undefined && owner !== patient;
}

/** Resources a request body would write, for the patient-context check. */
export function writtenResources(body: unknown): Resource[] {
  if (isBundle(body)) return (body.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
  if (typeof body === 'object' && body !== null && 'resourceType' in body) return [body as Resource];
  return [];
}
