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
});

export type ServiceRequestIn = z.infer<typeof ServiceRequestSchema>;
export type DeviceRequestIn = z.infer<typeof DeviceRequestSchema>;
export type TaskIn = z.infer<typeof TaskSchema>;
export type ProvenanceIn = z.infer<typeof ProvenanceSchema>;
export type AppointmentIn = z.infer<typeof AppointmentSchema>;
export type CommunicationIn = z.infer<typeof CommunicationSchema>;
export type OrganizationIn = z.infer<typeof OrganizationSchema>;
