// zod schemas for the FHIR R4 resources CareRelay reads. Lenient on purpose:
// only the elements we use are checked, everything else passes through, so a
// server adding extensions never breaks us, while a malformed element we rely on
// fails loudly at the boundary instead of deep inside a component.
import { z } from 'zod';
import { Address, base, CodeableConcept, HumanName, Identifier, Meta, Period, Reference } from './datatypes';

export const Patient = z.looseObject({
  ...base('Patient'),
  name: z.array(HumanName).optional(),
  birthDate: z.string().optional(),
  gender: z.string().optional(),
  address: z.array(Address).optional(),
  telecom: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional() })).optional(),
});
export const Encounter = z.looseObject({
  ...base('Encounter'),
  status: z.string(),
  subject: Reference.optional(),
  period: Period.optional(),
  location: z.array(z.looseObject({ location: Reference })).optional(),
  hospitalization: z.looseObject({ dischargeDisposition: CodeableConcept.optional(), destination: Reference.optional() }).optional(),
});
export const Location = z.looseObject({
  ...base('Location'),
  name: z.string().optional(),
  address: Address.optional(),
  partOf: Reference.optional(),
  type: z.array(CodeableConcept).optional(),
  physicalType: CodeableConcept.optional(),
});
export const Coverage = z.looseObject({
  ...base('Coverage'),
  status: z.string(),
  payor: z.array(Reference).optional(),
  class: z.array(z.looseObject({ name: z.string().optional(), value: z.string().optional() })).optional(),
});
export const Condition = z.looseObject({
  ...base('Condition'),
  code: CodeableConcept.optional(),
  clinicalStatus: CodeableConcept.optional(),
});
export const ServiceRequest = z.looseObject({
  ...base('ServiceRequest'),
  status: z.string(),
  intent: z.string(),
  category: z.array(CodeableConcept).optional(),
  code: CodeableConcept.optional(),
  subject: Reference,
  encounter: Reference.optional(),
  occurrencePeriod: Period.optional(),
  occurrenceDateTime: z.string().optional(),
  authoredOn: z.string().optional(),
  requester: Reference.optional(),
  performer: z.array(Reference).optional(),
  insurance: z.array(Reference).optional(),
  orderDetail: z.array(CodeableConcept).optional(),
  requisition: Identifier.optional(),
  note: z.array(z.looseObject({ text: z.string() })).optional(),
});
export const DeviceRequest = z.looseObject({
  ...base('DeviceRequest'),
  status: z.string(),
  intent: z.string(),
  codeCodeableConcept: CodeableConcept.optional(),
  subject: Reference,
  encounter: Reference.optional(),
  occurrencePeriod: Period.optional(),
  authoredOn: z.string().optional(),
  performer: Reference.optional(),
});
const TaskParam = z.looseObject({
  type: CodeableConcept,
  valueReference: Reference.optional(),
  valueString: z.string().optional(),
  valueDateTime: z.string().optional(),
});
export const Task = z.looseObject({
  ...base('Task'),
  status: z.string(),
  businessStatus: CodeableConcept.optional(),
  statusReason: CodeableConcept.optional(),
  intent: z.string(),
  code: CodeableConcept.optional(),
  description: z.string().optional(),
  focus: Reference.optional(),
  for: Reference.optional(),
  encounter: Reference.optional(),
  authoredOn: z.string().optional(),
  lastModified: z.string().optional(),
  requester: Reference.optional(),
  owner: Reference.optional(),
  partOf: z.array(Reference).optional(),
  restriction: z.looseObject({ period: Period.optional() }).optional(),
  input: z.array(TaskParam).optional(),
  output: z.array(TaskParam).optional(),
});
export const Appointment = z.looseObject({
  ...base('Appointment'),
  status: z.string(),
  start: z.string().optional(),
  end: z.string().optional(),
  basedOn: z.array(Reference).optional(),
  supportingInformation: z.array(Reference).optional(),
  participant: z.array(z.looseObject({ actor: Reference.optional(), status: z.string() })),
});
export const Provenance = z.looseObject({
  ...base('Provenance'),
  target: z.array(Reference),
  recorded: z.string(),
  activity: CodeableConcept.optional(),
  agent: z.array(z.looseObject({ who: Reference })),
});
export const Organization = z.looseObject({
  ...base('Organization'),
  name: z.string().optional(),
  type: z.array(CodeableConcept).optional(),
  telecom: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional() })).optional(),
});
export const HealthcareService = z.looseObject({
  ...base('HealthcareService'),
  name: z.string().optional(),
  providedBy: Reference.optional(),
  type: z.array(CodeableConcept).optional(),
  characteristic: z.array(CodeableConcept).optional(),
  availableTime: z.array(z.looseObject({
    daysOfWeek: z.array(z.string()).optional(),
    allDay: z.boolean().optional(),
    availableStartTime: z.string().optional(),
    availableEndTime: z.string().optional(),
  })).optional(),
});
export const Goal = z.looseObject({
  ...base('Goal'),
  lifecycleStatus: z.string(),
  achievementStatus: CodeableConcept.optional(),
  description: CodeableConcept,
  target: z.array(z.looseObject({
    measure: CodeableConcept.optional(),
    detailString: z.string().optional(),
    detailQuantity: z.looseObject({ value: z.number().optional(), unit: z.string().optional() }).optional(),
    dueDate: z.string().optional(),
  })).optional(),
});
export const CareTeam = z.looseObject({
  ...base('CareTeam'),
  name: z.string().optional(),
  participant: z.array(z.looseObject({ role: z.array(CodeableConcept).optional(), member: Reference.optional() })).optional(),
});
export const CarePlan = z.looseObject({
  ...base('CarePlan'),
  status: z.string(),
  intent: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  period: Period.optional(),
  addresses: z.array(Reference).optional(),
  goal: z.array(Reference).optional(),
  careTeam: z.array(Reference).optional(),
  activity: z.array(z.looseObject({
    reference: Reference.optional(),
    detail: z.looseObject({
      kind: z.string().optional(),
      code: CodeableConcept.optional(),
      status: z.string(),
      description: z.string().optional(),
      scheduledPeriod: Period.optional(),
      scheduledString: z.string().optional(),
    }).optional(),
  })).optional(),
});
export const Practitioner = z.looseObject({ ...base('Practitioner'), name: z.array(HumanName).optional() });
export const PractitionerRole = z.looseObject({
  ...base('PractitionerRole'),
  code: z.array(CodeableConcept).optional(),
  practitioner: Reference.optional(),
  organization: Reference.optional(),
});
export const Communication = z.looseObject({
  ...base('Communication'),
  status: z.string(),
  sent: z.string().optional(),
  basedOn: z.array(Reference).optional(),
  recipient: z.array(Reference).optional(),
  sender: Reference.optional(),
  payload: z.array(z.looseObject({ contentString: z.string().optional() })).optional(),
});
export const OperationOutcome = z.looseObject({
  resourceType: z.literal('OperationOutcome'),
  issue: z.array(z.looseObject({
    severity: z.string(),
    code: z.string(),
    diagnostics: z.string().optional(),
    details: CodeableConcept.optional(),
    expression: z.array(z.string()).optional(),
  })),
});

/** R4 QuestionnaireResponse.identifier is a single Identifier (0..1), not an array like most types. */
export const QuestionnaireResponse = z.looseObject({
  ...base('QuestionnaireResponse'),
  identifier: Identifier.optional(),
  status: z.string(),
  questionnaire: z.string().optional(),
  subject: Reference.optional(),
  encounter: Reference.optional(),
  authored: z.string().optional(),
  author: Reference.optional(),
  item: z.array(z.looseObject({
    linkId: z.string(),
    text: z.string().optional(),
    answer: z.array(z.looseObject({ valueString: z.string().optional() })).optional(),
  })).optional(),
});

/** Any resource: only resourceType and id are checked; typed parsing happens per type. */
export const AnyResource = z.looseObject({ resourceType: z.string(), id: z.string().optional(), meta: Meta.optional() });

export const Bundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.string(),
  total: z.number().optional(),
  link: z.array(z.looseObject({ relation: z.string(), url: z.string() })).optional(),
  entry: z.array(z.looseObject({
    fullUrl: z.string().optional(),
    resource: AnyResource.optional(),
    search: z.looseObject({ mode: z.string().optional() }).optional(),
    response: z.looseObject({
      status: z.string(),
      location: z.string().optional(),
      etag: z.string().optional(),
      outcome: AnyResource.optional(),
    }).optional(),
  })).optional(),
});

export const RESOURCE_SCHEMAS = {
  Patient, Encounter, Location, Coverage, Condition, ServiceRequest, DeviceRequest, Task,
  Appointment, Provenance, Organization, HealthcareService, Goal, CareTeam, CarePlan,
  Practitioner, PractitionerRole, Communication, OperationOutcome, QuestionnaireResponse,
} as const;
export type ResourceTypeName = keyof typeof RESOURCE_SCHEMAS;
export type ResourceOf<T extends ResourceTypeName> = z.infer<(typeof RESOURCE_SCHEMAS)[T]>;

export type TPatient = z.infer<typeof Patient>;
export type TEncounter = z.infer<typeof Encounter>;
export type TLocation = z.infer<typeof Location>;
export type TServiceRequest = z.infer<typeof ServiceRequest>;
export type TDeviceRequest = z.infer<typeof DeviceRequest>;
export type TTask = z.infer<typeof Task>;
export type TAppointment = z.infer<typeof Appointment>;
export type TBundle = z.infer<typeof Bundle>;
export type TOperationOutcome = z.infer<typeof OperationOutcome>;
export type TCoverage = z.infer<typeof Coverage>;
export type TCondition = z.infer<typeof Condition>;
export type TOrganization = z.infer<typeof Organization>;
export type THealthcareService = z.infer<typeof HealthcareService>;
export type TCarePlan = z.infer<typeof CarePlan>;
export type TGoal = z.infer<typeof Goal>;
export type TCareTeam = z.infer<typeof CareTeam>;
export type TPractitionerRole = z.infer<typeof PractitionerRole>;
export type TPractitioner = z.infer<typeof Practitioner>;
export type TProvenance = z.infer<typeof Provenance>;
export type TCommunication = z.infer<typeof Communication>;
export type TQuestionnaireResponse = z.infer<typeof QuestionnaireResponse>;
