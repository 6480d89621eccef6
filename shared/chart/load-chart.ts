// Everything the first screen needs, in ONE round trip: a batch Bundle of reads
// and searches (with _include / _revinclude), parsed into typed lists. Entries
// that fail are reported per section instead of failing the whole screen.
import type { z } from 'zod';
import type { FhirApi } from '../fhir/api';
import { Bundle, RESOURCE_SCHEMAS, type ResourceOf, type ResourceTypeName, type TBundle } from '../fhir/schemas';
import { MalformedResponseError } from '../errors/errors';
import { FACILITY_TYPES } from '../booking/prefill';

export interface ChartQuery {
  patient: string;
  encounter?: string;
}

const SECTIONS = (q: ChartQuery) => ({
  patient: `Patient?_id=${q.patient}`,
  encounter: q.encounter
    ? `Encounter?_id=${q.encounter}&_include=Encounter:location&_include:iterate=Location:partof`
    : `Encounter?patient=${q.patient}&status=in-progress&_include=Encounter:location&_include:iterate=Location:partof`,
  coverage: `Coverage?patient=${q.patient}&status=active`,
  conditions: `Condition?patient=${q.patient}`,
  carePlan: `CarePlan?patient=${q.patient}&status=active&_include=CarePlan:goal&_include=CarePlan:care-team&_include:iterate=CareTeam:participant&_include:iterate=PractitionerRole:practitioner`,
  requests: `ServiceRequest?patient=${q.patient}&_count=200`,
  deviceRequests: `DeviceRequest?patient=${q.patient}&_count=200`,
  tasks: `Task?patient=${q.patient}&_count=200&_revinclude=Provenance:target&_include=Task:owner`,
  appointments: `Appointment?patient=${q.patient}&_count=200`,
  communications: `Communication?patient=${q.patient}&_count=200`,
  // Handoffs travel with bookings; their acknowledgements are Provenance on the QuestionnaireResponse.
  handoffs: `QuestionnaireResponse?patient=${q.patient}&_count=200&_revinclude=Provenance:target`,
  // Where a patient can be discharged to: the drop-off for a facility disposition.
  facilities: `Location?type=${FACILITY_TYPES.join(',')}&status=active&_count=100`,
});
export type ChartSection = keyof ReturnType<typeof SECTIONS>;

export interface ChartData {
  /** Every resource returned, by type. */
  byType: Map<string, unknown[]>;
  /** Sections that failed, with the reason (shown to the user, never hidden). */
  failed: Partial<Record<ChartSection, string>>;
  /** Resources dropped because they did not match their schema ("Task/1: status Required"). */
  invalid: string[];
  fetchedAt: string;
}

export async function loadChart(api: FhirApi, q: ChartQuery, extra: Record<string, string> = {}): Promise<ChartData> {
  const sections: Record<string, string> = { ...SECTIONS(q), ...extra };
  const names = Object.keys(sections);
  const batch = {
    resourceType: 'Bundle',
    type: 'batch',
    entry: names.map((name) => ({ request: { method: 'GET', url: sections[name] } })),
  };
  const response = await api.raw({ method: 'POST', url: '', body: batch });
  const parsed = Bundle.safeParse(response.body);
  if (!parsed.success) throw new MalformedResponseError('batch', 'the batch response is not a Bundle', parsed.error);
  const data: ChartData = { byType: new Map(), failed: {}, invalid: [], fetchedAt: new Date().toISOString() };
  const seen = new Set<string>();
  parsed.data.entry?.forEach((entry, i) => {
    const name = names[i] as ChartSection;
    const status = entry.response?.status ?? '';
    const inner = Bundle.safeParse(entry.resource);
    if (!status.startsWith('2') || !inner.success) {
      data.failed[name] = status.startsWith('2') ? 'unreadable result' : `HTTP ${status.split(' ')[0]}`;
      return;
    }
    collect(inner.data, data, seen);
  });
  return data;
}

function collect(bundle: TBundle, data: ChartData, seen: Set<string>): void {
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource;
    if (!r) continue;
    const key = `${r.resourceType}/${r.id ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Own keys only: a resourceType such as "toString" or "constructor" must not find Object's methods.
    const schema = Object.hasOwn(RESOURCE_SCHEMAS, r.resourceType) ? (RESOURCE_SCHEMAS as Record<string, z.ZodType | undefined>)[r.resourceType] : undefined;
    const parsed = schema ? schema.safeParse(r) : { success: true as const, data: r };
    if (!parsed.success) {
      data.invalid.push(`${key}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
      continue;
    }
    const list = data.byType.get(r.resourceType);
    if (list) list.push(parsed.data);
    else data.byType.set(r.resourceType, [parsed.data]);
  }
}

/** Typed resources of one type (already validated against their schema when loaded). */
export function resourcesOf<T extends ResourceTypeName>(data: ChartData, type: T): ResourceOf<T>[] {
  return (data.byType.get(type) ?? []) as ResourceOf<T>[];
}
