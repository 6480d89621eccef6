// Reads through the sandbox's FhirRequester and parses at the boundary: every
// resource that comes back is checked against its schema; unknown types are dropped.
import { z } from 'zod';
import type { FhirRequester } from '../contracts';
import {
  carePlanSchema, careTeamSchema, conditionSchema, coverageSchema, deviceRequestSchema, encounterSchema,
  goalSchema, locationSchema, organizationSchema, patientSchema, practitionerRoleSchema, practitionerSchema,
  serviceRequestSchema, taskSchema,
} from './fhir-schemas';

const schemas = {
  Patient: patientSchema,
  Encounter: encounterSchema,
  Location: locationSchema,
  ServiceRequest: serviceRequestSchema,
  DeviceRequest: deviceRequestSchema,
  Task: taskSchema,
  Condition: conditionSchema,
  Coverage: coverageSchema,
  Organization: organizationSchema,
  CarePlan: carePlanSchema,
  Goal: goalSchema,
  CareTeam: careTeamSchema,
  PractitionerRole: practitionerRoleSchema,
  Practitioner: practitionerSchema,
} as const;

export type ResourceType = keyof typeof schemas;
export type ResourceOf<K extends ResourceType> = z.infer<(typeof schemas)[K]>;
export type KnownResource = ResourceOf<ResourceType>;

const bundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ resource: z.unknown().optional(), search: z.object({ mode: z.string().optional() }).optional() })).optional(),
});

const resourceTypeOnly = z.object({ resourceType: z.string() });

/** A FHIR call answered with a non-2xx status. */
export class EhrFhirError extends Error {
  constructor(readonly status: number, readonly path: string, readonly body: unknown) {
    super(`FHIR ${path} answered ${status}`);
    this.name = 'EhrFhirError';
  }
}

function isResourceType(name: string): name is ResourceType {
  return Object.hasOwn(schemas, name);
}

export function isType<K extends ResourceType>(r: KnownResource | undefined, type: K): r is ResourceOf<K> {
  return r?.resourceType === type;
}

export function parseResource(raw: unknown): KnownResource | undefined {
  const head = resourceTypeOnly.safeParse(raw);
  if (!head.success || !isResourceType(head.data.resourceType)) return undefined;
  const parsed = schemas[head.data.resourceType].safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The resources of one or more searches, indexed by "Type/id" so references resolve. */
export class ResourceSet {
  readonly matches: KnownResource[] = [];
  private readonly byRef = new Map<string, KnownResource>();

  add(resource: KnownResource, isMatch: boolean): void {
    this.byRef.set(`${resource.resourceType}/${resource.id}`, resource);
    if (isMatch) this.matches.push(resource);
  }

  /** Search matches (not _include'd resources) of one type. */
  matchesOf<K extends ResourceType>(type: K): ResourceOf<K>[] {
    return this.matches.filter((r) => isType(r, type));
  }

  allOf<K extends ResourceType>(type: K): ResourceOf<K>[] {
    return [...this.byRef.values()].filter((r) => isType(r, type));
  }

  resolve<K extends ResourceType>(type: K, ref: string | undefined): ResourceOf<K> | undefined {
    if (!ref) return undefined;
    // Absolute references (http://.../fhir/R4/Location/x) resolve like relative ones.
    const found = this.byRef.get(ref.replace(/^.*\/(\w+\/[^/]+)$/, '$1'));
    return isType(found, type) ? found : undefined;
  }

  merge(other: ResourceSet): this {
    for (const r of other.byRef.values()) this.add(r, other.matches.includes(r));
    return this;
  }
}

export async function fhirGet(fhir: FhirRequester, path: string): Promise<unknown> {
  const res = await fhir.request('GET', path);
  if (res.status < 200 || res.status >= 300) throw new EhrFhirError(res.status, path, res.body);
  return res.body;
}

export async function search(fhir: FhirRequester, path: string): Promise<ResourceSet> {
  const bundle = bundleSchema.safeParse(await fhirGet(fhir, path));
  if (!bundle.success) throw new EhrFhirError(502, path, 'not a Bundle');
  const set = new ResourceSet();
  for (const entry of bundle.data.entry ?? []) {
    const resource = parseResource(entry.resource);
    if (resource) set.add(resource, entry.search?.mode !== 'include');
  }
  return set;
}

/** Reads one resource; undefined when the server says 404/410. */
export async function read<K extends ResourceType>(fhir: FhirRequester, type: K, id: string): Promise<ResourceOf<K> | undefined> {
  const res = await fhir.request('GET', `${type}/${encodeURIComponent(id)}`);
  if (res.status === 404 || res.status === 410) return undefined;
  if (res.status < 200 || res.status >= 300) throw new EhrFhirError(res.status, `${type}/${id}`, res.body);
  const parsed = parseResource(res.body);
  return isType(parsed, type) ? parsed : undefined;
}
