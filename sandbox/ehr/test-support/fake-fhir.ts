// An in-memory FhirRequester that answers the reads and searches the EHR UI makes,
// strictly: an unknown search parameter is a 400, like a real server's strict mode,
// so a test fails if the UI starts relying on something the fake cannot honour.
import type { FhirRequester } from '../../contracts';
import type { FhirJson } from './fixtures';

type Values = (r: FhirJson) => string[];

const get = (r: unknown, path: string): unknown[] => {
  let cur: unknown[] = [r];
  for (const key of path.split('.')) {
    cur = cur.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      return next === undefined ? [] : Array.isArray(next) ? next : [next];
    });
  }
  return cur;
};
const strings = (r: FhirJson, path: string) => get(r, path).filter((v): v is string => typeof v === 'string');
const tokens = (r: FhirJson, path: string, codeKey = 'code') =>
  get(r, path).flatMap((c) => {
    const o = (c ?? {}) as Record<string, unknown>;
    return typeof o[codeKey] === 'string' ? [`${String(o.system ?? '')}|${String(o[codeKey])}`, String(o[codeKey])] : [];
  });

const PARAMS: Record<string, Values> = {
  subject: (r) => strings(r, 'subject.reference'),
  patient: (r) => strings(r, r.resourceType === 'Task' ? 'for.reference' : 'subject.reference'),
  beneficiary: (r) => strings(r, 'beneficiary.reference'),
  practitioner: (r) => strings(r, 'practitioner.reference'),
  status: (r) => strings(r, 'status'),
  code: (r) => tokens(r, 'code.coding'),
  identifier: (r) => tokens(r, 'identifier', 'value'),
};

const INCLUDES: Record<string, string> = {
  'Encounter:patient': 'subject.reference',
  'Encounter:location': 'location.location.reference',
  'Location:partof': 'partOf.reference',
  'ServiceRequest:performer': 'performer.reference',
  'DeviceRequest:performer': 'performer.reference',
  'Coverage:payor': 'payor.reference',
  'CareTeam:participant': 'participant.member.reference',
  'PractitionerRole:practitioner': 'practitioner.reference',
};

const IGNORED = new Set(['_count', '_sort']);

export interface FakeFhir extends FhirRequester {
  resources: Map<string, FhirJson>;
  log: { method: string; path: string; headers?: Record<string, string> }[];
}

function matches(values: string[], wanted: string): boolean {
  return wanted.split(',').some((w) => values.some((v) => v === w || v.endsWith(`/${w}`)));
}

export function createFakeFhir(seed: FhirJson[]): FakeFhir {
  const resources = new Map(seed.map((r) => [`${r.resourceType}/${r.id}`, structuredClone(r)]));
  const log: FakeFhir['log'] = [];
  let nextId = 1;
  const reply = (status: number, body: unknown) => ({ status, headers: new Headers({ 'content-type': 'application/fhir+json' }), body });

  function searchType(type: string, params: URLSearchParams): FhirJson[] | string {
    let found = [...resources.values()].filter((r) => r.resourceType === type);
    for (const [name, value] of params) {
      if (name.startsWith('_include') || IGNORED.has(name)) continue;
      const values = PARAMS[name];
      if (!values) return `unknown search parameter ${name}`;
      found = found.filter((r) => matches(values(r), value));
    }
    return found;
  }

  function includes(hits: FhirJson[], params: URLSearchParams): FhirJson[] | string {
    const seen = new Map<string, FhirJson>();
    const specs = [...params].filter(([k]) => k.startsWith('_include'));
    for (const [, spec] of specs) if (!INCLUDES[spec]) return `unsupported _include ${spec}`;
    let frontier = hits;
    // Plain _include applies to the matches once; :iterate keeps following what was added.
    for (let round = 0; frontier.length > 0 && round < 5; round++) {
      const added: FhirJson[] = [];
      for (const [key, spec] of specs) {
        if (round > 0 && key !== '_include:iterate') continue;
        const [from] = spec.split(':');
        for (const r of frontier.filter((x) => x.resourceType === from)) {
          for (const target of strings(r, INCLUDES[spec] ?? '')) {
            const hit = resources.get(target);
            if (hit && !seen.has(target) && !hits.includes(hit)) { seen.set(target, hit); added.push(hit); }
          }
        }
      }
      frontier = added;
    }
    return [...seen.values()];
  }

  function doSearch(type: string, query: string) {
    const params = new URLSearchParams(query);
    const hits = searchType(type, params);
    if (typeof hits === 'string') return reply(400, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: hits }] });
    const extra = includes(hits, params);
    if (typeof extra === 'string') return reply(400, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: extra }] });
    return reply(200, {
      resourceType: 'Bundle', type: 'searchset', total: hits.length,
      entry: [...hits.map((resource) => ({ resource, search: { mode: 'match' } })), ...extra.map((resource) => ({ resource, search: { mode: 'include' } }))],
    });
  }

  return {
    resources,
    log,
    async request(method, path, body, headers) {
      log.push({ method, path, headers });
      const [pathname = '', query] = path.split('?');
      const [type = '', id] = pathname.split('/');
      if (method === 'GET' && id) {
        const found = resources.get(`${type}/${id}`);
        return found ? reply(200, found) : reply(404, { resourceType: 'OperationOutcome' });
      }
      if (method === 'GET') return doSearch(type, query ?? '');
      if (method === 'POST' && !id) {
        const condition = headers?.['If-None-Exist'] ?? headers?.['if-none-exist'];
        if (condition) {
          const existing = searchType(type, new URLSearchParams(condition));
          if (typeof existing === 'string') return reply(400, { resourceType: 'OperationOutcome' });
          if (existing.length === 1) return reply(200, existing[0]);
          if (existing.length > 1) return reply(412, { resourceType: 'OperationOutcome' });
        }
        const created = { ...(body as Record<string, unknown>), resourceType: type, id: `new-${nextId++}` };
        resources.set(`${type}/${created.id}`, created);
        return reply(201, created);
      }
      return reply(405, { resourceType: 'OperationOutcome' });
    },
  };
}
