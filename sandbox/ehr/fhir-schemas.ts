// zod schemas for the slice of each FHIR resource the EHR screens show. Lenient on
// purpose (everything optional): one odd resource should cost a blank cell, not the page.
import { z } from 'zod';

export const coding = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
export const codeableConcept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() });
export const reference = z.object({ reference: z.string().optional(), display: z.string().optional() });
export const identifier = z.object({ system: z.string().optional(), value: z.string().optional() });
export const period = z.object({ start: z.string().optional(), end: z.string().optional() });
export const extension = z.object({ url: z.string(), valueDateTime: z.string().optional(), valueString: z.string().optional() });
export const humanName = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
});
export const address = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
});

const base = { id: z.string(), meta: z.object({ lastUpdated: z.string().optional() }).optional() };

export const patientSchema = z.object({
  ...base,
  resourceType: z.literal('Patient'),
  identifier: z.array(identifier).optional(),
  name: z.array(humanName).optional(),
  birthDate: z.string().optional(),
  gender: z.string().optional(),
  telecom: z.array(z.object({ system: z.string().optional(), value: z.string().optional() })).optional(),
  address: z.array(address).optional(),
  extension: z.array(extension).optional(),
});

export const encounterSchema = z.object({
  ...base,
  resourceType: z.literal('Encounter'),
  status: z.string().optional(),
  identifier: z.array(identifier).optional(),
  class: coding.optional(),
  subject: reference.optional(),
  period: period.optional(),
  location: z.array(z.object({ location: reference })).optional(),
  hospitalization: z.object({ dischargeDisposition: codeableConcept.optional() }).optional(),
  participant: z.array(z.object({ individual: reference.optional(), type: z.array(codeableConcept).optional() })).optional(),
  extension: z.array(extension).optional(),
});

export const locationSchema = z.object({
  ...base,
  resourceType: z.literal('Location'),
  name: z.string().optional(),
  partOf: reference.optional(),
  physicalType: codeableConcept.optional(),
  address: address.optional(),
});

const requestFields = {
  ...base,
  identifier: z.array(identifier).optional(),
  status: z.string().optional(),
  intent: z.string().optional(),
  category: z.array(codeableConcept).optional(),
  subject: reference.optional(),
  encounter: reference.optional(),
  authoredOn: z.string().optional(),
  occurrenceDateTime: z.string().optional(),
  occurrencePeriod: period.optional(),
  performer: z.array(reference).optional(),
  requester: reference.optional(),
};

export const serviceRequestSchema = z.object({
  ...requestFields,
  resourceType: z.literal('ServiceRequest'),
  code: codeableConcept.optional(),
});

export const deviceRequestSchema = z.object({
  ...requestFields,
  resourceType: z.literal('DeviceRequest'),
  codeCodeableConcept: codeableConcept.optional(),
  performer: reference.optional(),
});

export const taskSchema = z.object({
  ...base,
  resourceType: z.literal('Task'),
  status: z.string().optional(),
  businessStatus: codeableConcept.optional(),
  focus: reference.optional(),
  lastModified: z.string().optional(),
  authoredOn: z.string().optional(),
  owner: reference.optional(),
});

export const conditionSchema = z.object({
  ...base,
  resourceType: z.literal('Condition'),
  clinicalStatus: codeableConcept.optional(),
  code: codeableConcept.optional(),
  onsetDateTime: z.string().optional(),
});

export const coverageSchema = z.object({
  ...base,
  resourceType: z.literal('Coverage'),
  status: z.string().optional(),
  subscriberId: z.string().optional(),
  payor: z.array(reference).optional(),
  class: z.array(z.object({ type: codeableConcept.optional(), value: z.string().optional(), name: z.string().optional() })).optional(),
  period: period.optional(),
});

export const organizationSchema = z.object({ ...base, resourceType: z.literal('Organization'), name: z.string().optional() });

export const carePlanSchema = z.object({
  ...base,
  resourceType: z.literal('CarePlan'),
  status: z.string().optional(),
  title: z.string().optional(),
  period: period.optional(),
  goal: z.array(reference).optional(),
  careTeam: z.array(reference).optional(),
  activity: z
    .array(
      z.object({
        reference: reference.optional(),
        detail: z
          .object({
            kind: z.string().optional(),
            code: codeableConcept.optional(),
            status: z.string().optional(),
            description: z.string().optional(),
            scheduledPeriod: period.optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});

export const goalSchema = z.object({
  ...base,
  resourceType: z.literal('Goal'),
  lifecycleStatus: z.string().optional(),
  achievementStatus: codeableConcept.optional(),
  description: codeableConcept.optional(),
  target: z.array(z.object({ detailString: z.string().optional(), dueDate: z.string().optional() })).optional(),
});

export const careTeamSchema = z.object({
  ...base,
  resourceType: z.literal('CareTeam'),
  status: z.string().optional(),
  name: z.string().optional(),
  participant: z.array(z.object({ role: z.array(codeableConcept).optional(), member: reference.optional() })).optional(),
});

export const practitionerRoleSchema = z.object({
  ...base,
  resourceType: z.literal('PractitionerRole'),
  practitioner: reference.optional(),
  code: z.array(codeableConcept).optional(),
});

export const practitionerSchema = z.object({ ...base, resourceType: z.literal('Practitioner'), name: z.array(humanName).optional() });

export type Patient = z.infer<typeof patientSchema>;
export type Encounter = z.infer<typeof encounterSchema>;
export type Location = z.infer<typeof locationSchema>;
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;
export type DeviceRequest = z.infer<typeof deviceRequestSchema>;
export type Task = z.infer<typeof taskSchema>;
export type Condition = z.infer<typeof conditionSchema>;
export type Coverage = z.infer<typeof coverageSchema>;
export type Organization = z.infer<typeof organizationSchema>;
export type CarePlan = z.infer<typeof carePlanSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type CareTeam = z.infer<typeof careTeamSchema>;
export type PractitionerRole = z.infer<typeof practitionerRoleSchema>;
export type Practitioner = z.infer<typeof practitionerSchema>;
export type HumanName = z.infer<typeof humanName>;
export type Address = z.infer<typeof address>;
export type CodeableConcept = z.infer<typeof codeableConcept>;
export type Reference = z.infer<typeof reference>;
