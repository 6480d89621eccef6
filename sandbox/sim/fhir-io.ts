// The simulator's only door to the FHIR server: parse what comes back (zod),
// write with If-Match, and turn failures into typed errors.
import { z } from 'zod';
import type { FhirRequester } from '../contracts';

export class SimFhirError extends Error {
  constructor(message: string, readonly status: number, readonly path: string, readonly body: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SimFhirError';
  }
}

/** 412: someone (usually the app) changed the resource since we read it. */
export class SimConflictError extends SimFhirError {
  constructor(path: string, body: unknown) {
    super(`Version conflict on ${path}`, 412, path, body);
    this.name = 'SimConflictError';
  }
}

const Coding = z.object({ system: z.string().optional(), code: z.string().optional() });
const CodeableConcept = z.object({ coding: z.array(Coding).optional(), text: z.string().optional() });
const Reference = z.object({ reference: z.string().optional(), display: z.string().optional() });
const Meta = z.looseObject({ versionId: z.string().optional() });
const Period = z.object({ start: z.string().optional(), end: z.string().optional() });

export const TaskSchema = z.looseObject({
  resourceType: z.literal('Task'),
  id: z.string(),
  meta: Meta.optional(),
  status: z.enum(['draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error']),
  businessStatus: CodeableConcept.optional(),
  statusReason: z.looseObject({ text: z.string().optional() }).optional(),
  identifier: z.array(z.object({ system: z.string().optional(), value: z.string().optional() })).optional(),
  owner: Reference.optional(),
  focus: Reference.optional(),
  for: Reference.optional(),
  lastModified: z.string().optional(),
  authoredOn: z.string().optional(),
  input: z.array(z.looseObject({ type: CodeableConcept, valueReference: Reference.optional() })).optional(),
  output: z.array(z.looseObject({ type: CodeableConcept, valueReference: Reference.optional(), valueString: z.string().optional(), valueDateTime: z.string().optional() })).optional(),
});
export type SimTask = z.infer<typeof TaskSchema>;

export const RequestSchema = z.looseObject({
  resourceType: z.enum(['ServiceRequest', 'DeviceRequest']),
  id: z.string(),
  category: z.array(CodeableConcept).optional(),
  code: CodeableConcept.optional(),
  codeCodeableConcept: CodeableConcept.optional(),
  occurrencePeriod: Period.optional(),
  occurrenceDateTime: z.string().optional(),
  subject: Reference.optional(),
});

export const AppointmentSchema = z.looseObject({
  resourceType: z.literal('Appointment'),
  id: z.string(),
  meta: Meta.optional(),
  status: z.string(),
  start: z.string().optional(),
  end: z.string().optional(),
});
export type SimAppointment = z.infer<typeof AppointmentSchema>;
export type SimRequest = z.infer<typeof RequestSchema>;

export const ServiceHoursSchema = z.looseObject({
  resourceType: z.literal('HealthcareService'),
  id: z.string().optional(),
  availableTime: z.array(z.object({
    daysOfWeek: z.array(z.string()).optional(),
    allDay: z.boolean().optional(),
    availableStartTime: z.string().optional(),
    availableEndTime: z.string().optional(),
  })).optional(),
});
export type SimServiceHours = z.infer<typeof ServiceHoursSchema>;

const Created = z.looseObject({ resourceType: z.string(), id: z.string(), meta: Meta.optional() });

const BundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ resource: z.unknown().optional(), search: z.object({ mode: z.string().optional() }).optional() })).optional(),
});

function fail(method: string, path: string, status: number, body: unknown): never {
  if (status === 412) throw new SimConflictError(path, body);
  throw new SimFhirError(`${method} ${path} failed with HTTP ${status}`, status, path, body);
}

export async function readResource<T>(fhir: FhirRequester, path: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fhir.request('GET', path);
  if (res.status !== 200) fail('GET', path, res.status, res.body);
  return schema.parse(res.body);
}

/** Matches only (never _include'd extras), silently skipping entries of another shape. */
export async function searchResources<T>(fhir: FhirRequester, path: string, schema: z.ZodType<T>): Promise<T[]> {
  const res = await fhir.request('GET', path);
  if (res.status !== 200) fail('GET', path, res.status, res.body);
  const bundle = BundleSchema.parse(res.body);
  return (bundle.entry ?? [])
    .filter((e) => e.search?.mode !== 'include')
    .flatMap((e) => {
      const parsed = schema.safeParse(e.resource);
      return parsed.success ? [parsed.data] : [];
    });
}

export async function createResource(fhir: FhirRequester, resource: { resourceType: string }, ifNoneExist?: string): Promise<{ id: string }> {
  const path = resource.resourceType;
  const res = await fhir.request('POST', path, resource, ifNoneExist ? { 'If-None-Exist': ifNoneExist } : undefined);
  if (res.status !== 200 && res.status !== 201) fail('POST', path, res.status, res.body);
  return Created.parse(res.body);
}

export function etagOf(resource: { meta?: { versionId?: string } }): string | undefined {
  const v = resource.meta?.versionId;
  return v ? `W/"${v}"` : undefined;
}

/** PUT with If-Match; a 412 surfaces as SimConflictError so the caller re-reads and re-decides. */
export async function updateResource<T>(fhir: FhirRequester, resource: { resourceType: string; id: string; meta?: { versionId?: string } }, schema: z.ZodType<T>): Promise<T> {
  const path = `${resource.resourceType}/${resource.id}`;
  const etag = etagOf(resource);
  const res = await fhir.request('PUT', path, resource, etag ? { 'If-Match': etag } : undefined);
  if (res.status !== 200 && res.status !== 201) fail('PUT', path, res.status, res.body);
  return schema.parse(res.body);
}
