// FHIR R4 datatypes CareRelay reads, and the elements every resource shares.
// Lenient like the resource schemas: unknown elements pass through.
import { z } from 'zod';

export const Coding = z.looseObject({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
export const CodeableConcept = z.looseObject({
  coding: z.array(Coding).optional(),
  text: z.string().optional(),
});
export const Reference = z.looseObject({
  reference: z.string().optional(),
  display: z.string().optional(),
  identifier: z.looseObject({ system: z.string().optional(), value: z.string().optional() }).optional(),
});
export const Identifier = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
export const Period = z.looseObject({ start: z.string().optional(), end: z.string().optional() });
export const Extension = z.looseObject({
  url: z.string(),
  valueString: z.string().optional(),
  valueDateTime: z.string().optional(),
});
export const Address = z.looseObject({
  use: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  text: z.string().optional(),
});
export const HumanName = z.looseObject({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
});
export const Meta = z.looseObject({ versionId: z.string().optional(), lastUpdated: z.string().optional() });

export const base = <T extends string>(type: T) => ({
  resourceType: z.literal(type),
  id: z.string().optional(),
  meta: Meta.optional(),
  identifier: z.array(Identifier).optional(),
  extension: z.array(Extension).optional(),
});

