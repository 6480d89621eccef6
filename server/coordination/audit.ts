// One FHIR AuditEvent per request to the coordination server's FHIR API: who (user and
// client), what (interaction, resource types, the patients touched), when, from where, and
// the outcome. Written to the same journal as the data, before the answer leaves.
import type { AuditEvent, AuditEventAgent, AuditEventEntity, Resource } from '@medplum/fhirtypes';
import { owningPatient } from '../fhir-engine/access';

export interface AuditedRequest {
  method: string;
  /** Path below the FHIR base, e.g. ["Task"] or ["Task", "abc"]. */
  segments: string[];
  query: URLSearchParams;
  /** What the request stored (every version it wrote). */
  written: Resource[];
  /** What the request body asked to write (stored or refused). */
  attempted: Resource[];
  /** The token's user (e.g. "Practitioner/x") and client, when the request had one. */
  user?: string;
  clientId?: string;
  /** The patient the token is confined to, if any. */
  patient?: string;
  address?: string;
  status: number;
  /** Resources the answer carried (read results, search entries), for the patients they belong to. */
  returned: Resource[];
}

const RESTFUL = 'http://hl7.org/fhir/restful-interaction';
const AUDIT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
export const OBSERVER = 'CareRelay coordination server';

/** R4 AuditEvent.outcome: 0 success, 4 minor failure (the client's), 8 serious failure (ours). */
export function outcomeCode(status: number): AuditEvent['outcome'] {
  if (status < 400) return '0';
  return status < 500 ? '4' : '8';
}

function interaction(method: string, segments: string[]): { code: string; action: AuditEvent['action'] } {
  const [type, second, third] = segments;
  if (!type) return method === 'POST' ? { code: 'transaction', action: 'E' } : { code: 'search-system', action: 'E' };
  if (method === 'GET' && !second) return { code: 'search-type', action: 'E' };
  if (method === 'POST' && second === '_search') return { code: 'search-type', action: 'E' };
  if (method === 'GET' && third === '_history') return { code: segments.length > 3 ? 'vread' : 'history-instance', action: 'R' };
  if (method === 'GET') return { code: 'read', action: 'R' };
  if (method === 'POST') return { code: 'create', action: 'C' };
  if (method === 'DELETE') return { code: 'delete', action: 'D' };
  if (method === 'PATCH') return { code: 'patch', action: 'U' };
  return { code: 'update', action: 'U' };
}

/** The patients a request named or touched: its token's, its search's, what it wrote or got back. */
export function patientsOf(r: AuditedRequest): string[] {
  const found = new Set<string>();
  if (r.patient) found.add(r.patient);
  for (const name of ['patient', 'subject', 'for']) {
    for (const value of r.query.getAll(name)) {
      const id = value.replace(/^Patient\//, '');
      if (id && !id.includes('/')) found.add(id);
    }
  }
  for (const resource of [...r.written, ...r.attempted, ...r.returned]) {
    const owner = owningPatient(resource);
    if (owner) found.add(owner);
  }
  return [...found].sort();
}

export function buildAuditEvent(r: AuditedRequest, recorded = new Date()): AuditEvent {
  const { code, action } = interaction(r.method, r.segments);
  const types = [...new Set([r.segments[0], ...r.written.map((w) => w.resourceType)].filter((t): t is string => Boolean(t)))];
  const agent: AuditEventAgent[] = [{
    type: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
    who: r.user ? { reference: r.user } : { display: 'unauthenticated caller' },
    requestor: true,
    ...(r.address ? { network: { address: r.address, type: '2' as const } } : {}),
  }];
  if (r.clientId) {
    agent.push({
      type: { coding: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110150', display: 'Application' }] },
      who: { identifier: { system: 'urn:carerelay:client-id', value: r.clientId } },
      requestor: false,
    });
  }
  const entity: AuditEventEntity[] = patientsOf(r).map((id) => ({
    what: { reference: `Patient/${id}` },
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
    role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
  }));
  const [type, id] = r.segments;
  if (type && id && !id.startsWith('_') && type !== 'Patient') {
    // The instance asked for, even when the answer was a refusal.
    entity.push({
      what: { reference: `${type}/${id}` },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
    });
  }
  const path = r.segments.map(encodeURIComponent).join('/');
  const query = r.query.toString();
  entity.push({
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
    description: `${r.method} ${path || '/'}${query ? `?${query}` : ''}`.slice(0, 1000),
    ...(types.length ? { detail: [{ type: 'resource-types', valueString: types.join(',') }] } : {}),
  });
  return {
    resourceType: 'AuditEvent',
    type: { system: AUDIT_TYPE, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: RESTFUL, code }],
    action,
    recorded: recorded.toISOString(),
    outcome: outcomeCode(r.status),
    ...(r.status >= 400 ? { outcomeDesc: `HTTP ${r.status}` } : {}),
    agent,
    source: { observer: { display: OBSERVER } },
    entity,
  };
}

/** A token exchange at /token (DICOM "User Authentication" / "Login"), granted or refused. */
export function buildExchangeAuditEvent(r: {
  status: number;
  reason?: string;
  patient?: string;
  fhirUser?: string;
  clientId?: string;
  address?: string;
}, recorded = new Date()): AuditEvent {
  const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
  const agent: AuditEventAgent[] = [{
    type: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
    who: r.fhirUser ? { reference: r.fhirUser } : { display: 'unverified caller' },
    requestor: true,
    ...(r.address ? { network: { address: r.address, type: '2' as const } } : {}),
  }];
  if (r.clientId) {
    agent.push({
      type: { coding: [{ system: DCM, code: '110150', display: 'Application' }] },
      who: { identifier: { system: 'urn:carerelay:client-id', value: r.clientId } },
      requestor: false,
    });
  }
  return {
    resourceType: 'AuditEvent',
    type: { system: DCM, code: '110114', display: 'User Authentication' },
    subtype: [{ system: DCM, code: '110122', display: 'Login' }],
    action: 'E',
    recorded: recorded.toISOString(),
    outcome: outcomeCode(r.status),
    ...(r.status >= 400 ? { outcomeDesc: `HTTP ${r.status}${r.reason ? `: ${r.reason}` : ''}`.slice(0, 500) } : {}),
    agent,
    source: { observer: { display: OBSERVER } },
    entity: [
      ...(r.patient ? [{
        what: { reference: `Patient/${r.patient}` },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
        role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
      }] : []),
      { type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' }, description: 'POST /token (token exchange)' },
    ],
  };
}
