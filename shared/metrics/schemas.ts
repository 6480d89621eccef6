// zod schemas for the slice of each FHIR resource the metrics read. Lenient on
// purpose: unknown elements are accepted (and not copied: records keep only what
// metrics read, and copying extensions of 80k resources costs more than all the
// metrics together) and most elements are optional, so a resource is refused
// only when something the joins depend on is malformed.
// Missing timestamps are NOT a parse failure: they are excluded per metric and
// tallied there, so one bad Provenance doesn't hide a whole booking.
import { z } from 'zod';

const Reference = z.object({ reference: z.string().optional() });
const Coding = z.object({ system: z.string().optional(), code: z.string().optional() });
const Concept = z.object({ coding: z.array(Coding).optional(), text: z.string().optional() });
const Identifier = z.object({ system: z.string().optional(), value: z.string().optional() });

const base = <T extends string>(type: T) => ({
  resourceType: z.literal(type),
  id: z.string().min(1),
  identifier: z.array(Identifier).optional(),
});

export const ServiceRequestSchema = z.object({
  ...base('ServiceRequest'),
  status: z.string(),
  category: z.array(Concept).optional(),
  code: Concept.optional(),
  subject: Reference.optional(),
  encounter: Reference.optional(),
  authoredOn: z.string().optional(),
});

export const DeviceRequestSchema = z.object({
  ...base('DeviceRequest'),
  status: z.string().optional(),
  codeCodeableConcept: Concept.optional(),
  subject: Reference.optional(),
  encounter: Reference.optional(),
  authoredOn: z.string().optional(),
});

export const TaskSchema = z.object({
  ...base('Task'),
  status: z.string(),
  businessStatus: Concept.optional(),
  code: Concept.optional(),
  focus: Reference.optional(),
  for: Reference.optional(),
  encounter: Reference.optional(),
  authoredOn: z.string().optional(),
  owner: Reference.optional(),
  output: z.array(z.object({ type: Concept.optional(), valueReference: Reference.optional() })).optional(),
});

export const ProvenanceSchema = z.object({
  ...base('Provenance'),
  target: z.array(Reference).min(1),
  recorded: z.string().optional(),
  activity: Concept.optional(),
});

export const AppointmentSchema = z.object({
  ...base('Appointment'),
  status: z.string(),
  start: z.string().optional(),
  basedOn: z.array(Reference).optional(),
  participant: z.array(z.object({ actor: Reference.optional(), status: z.string().optional() })).optional(),
});

export const CommunicationSchema = z.object({
  ...base('Communication'),
  status: z.string(),
  sender: Reference.optional(),
  recipient: z.array(Reference).optional(),
  subject: Reference.optional(),
  basedOn: z.array(Reference).optional(),
  about: z.array(Reference).optional(),
  sent: z.string().optional(),
});

export const OrganizationSchema = z.object({
  ...base('Organization'),
  name: z.string().optional(),
  /** The vendor directory's NUCC taxonomy: tells vendors from payers and the hospital. */
  type: z.array(Concept).optional(),
});

export type ServiceRequestIn = z.infer<typeof ServiceRequestSchema>;
export type DeviceRequestIn = z.infer<typeof DeviceRequestSchema>;
export type TaskIn = z.infer<typeof TaskSchema>;
export type ProvenanceIn = z.infer<typeof ProvenanceSchema>;
export type AppointmentIn = z.infer<typeof AppointmentSchema>;
export type CommunicationIn = z.infer<typeof CommunicationSchema>;
export type OrganizationIn = z.infer<typeof OrganizationSchema>;

// Hand-written twins of the schemas above, for the hot path: zod builds a copy
// of every resource (and its nested objects) it checks, which for 80k
// resources costs more than all the metrics. Each guard accepts a subset of
// what its schema accepts (same checks, no copy), so a resource that passes is
// read as is; one that fails goes through zod, which either accepts it after
// all or says why not. A guard that is too strict is only slower; one that is
// too lenient would be a bug (guards.test.ts checks them against the schemas).
type Obj = { readonly [key: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const optStr = (v: unknown): boolean => v === undefined || typeof v === 'string';
const optRef = (v: unknown): boolean => v === undefined || (isObj(v) && optStr(v.reference));

function optArray(v: unknown, item: (x: unknown) => boolean): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i += 1) if (!item(v[i])) return false; // by index: holes fail, as in zod
  return true;
}

const isRef = (v: unknown): boolean => isObj(v) && optStr(v.reference);
const isCoding = (v: unknown): boolean => isObj(v) && optStr(v.system) && optStr(v.code);
const isConcept = (v: unknown): boolean => isObj(v) && optArray(v.coding, isCoding) && optStr(v.text);
const optConcept = (v: unknown): boolean => v === undefined || isConcept(v);
const isIdentifier = (v: unknown): boolean => isObj(v) && optStr(v.system) && optStr(v.value);
const isOutput = (v: unknown): boolean => isObj(v) && optConcept(v.type) && optRef(v.valueReference);
const isParticipant = (v: unknown): boolean => isObj(v) && optRef(v.actor) && optStr(v.status);

function isBase(v: unknown, type: string): v is Obj {
  return isObj(v) && v.resourceType === type && typeof v.id === 'string' && v.id.length >= 1
    && optArray(v.identifier, isIdentifier);
}

export function isServiceRequest(v: unknown): v is ServiceRequestIn {
  return isBase(v, 'ServiceRequest') && typeof v.status === 'string' && optArray(v.category, isConcept)
    && optConcept(v.code) && optRef(v.subject) && optRef(v.encounter) && optStr(v.authoredOn);
}

export function isDeviceRequest(v: unknown): v is DeviceRequestIn {
  return isBase(v, 'DeviceRequest') && optStr(v.status) && optConcept(v.codeCodeableConcept)
    && optRef(v.subject) && optRef(v.encounter) && optStr(v.authoredOn);
}

export function isTask(v: unknown): v is TaskIn {
  return isBase(v, 'Task') && typeof v.status === 'string' && optConcept(v.businessStatus) && optConcept(v.code)
    && optRef(v.focus) && optRef(v.for) && optRef(v.encounter) && optStr(v.authoredOn) && optRef(v.owner)
    && optArray(v.output, isOutput);
}

export function isProvenance(v: unknown): v is ProvenanceIn {
  return isBase(v, 'Provenance') && Array.isArray(v.target) && v.target.length >= 1 && optArray(v.target, isRef)
    && optStr(v.recorded) && optConcept(v.activity);
}

export function isAppointment(v: unknown): v is AppointmentIn {
  return isBase(v, 'Appointment') && typeof v.status === 'string' && optStr(v.start) && optArray(v.basedOn, isRef)
    && optArray(v.participant, isParticipant);
}

export function isCommunication(v: unknown): v is CommunicationIn {
  return isBase(v, 'Communication') && typeof v.status === 'string' && optRef(v.sender)
    && optArray(v.recipient, isRef) && optRef(v.subject) && optArray(v.basedOn, isRef) && optArray(v.about, isRef)
    && optStr(v.sent);
}

export function isOrganization(v: unknown): v is OrganizationIn {
  return isBase(v, 'Organization') && optStr(v.name) && optArray(v.type, isConcept);
}
