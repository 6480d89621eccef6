// Builds a DischargeContext from a discharge screen: the sandbox's data attributes
// plus label/value pairs. Every string is cut to the schema's bound here, so a
// hostile page cannot make the content script send an oversized message.
import type { DischargeContext } from '../messages';
import { collectFields, type RawFields } from './extract-pairs';
import { FIELD_MAX, type FieldKey } from './labels';

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const IDENTITY: readonly FieldKey[] = ['patientName', 'mrn', 'birthDate', 'visit'];

/** How many independent patient identifiers a context carries. */
export function identityScore(fields: RawFields | DischargeContext): number {
  return IDENTITY.filter((k) => fields[k] !== undefined).length;
}

function fhirId(value: string | null): string | undefined {
  return value && FHIR_ID.test(value) ? value : undefined;
}

export function toContext(source: DischargeContext['source'], fields: RawFields, ids: { patientId?: string; encounterId?: string } = {}): DischargeContext {
  const context: DischargeContext = { source };
  for (const key of Object.keys(fields) as FieldKey[]) {
    const value = fields[key];
    if (value !== undefined) context[key] = value.slice(0, FIELD_MAX[key]);
  }
  if (ids.patientId) context.patientId = ids.patientId;
  if (ids.encounterId) context.encounterId = ids.encounterId;
  return context;
}

/** The sandbox EHR's contract: data-patient-id / data-encounter-id and dt/dd pairs. */
export function extractSandbox(section: Element): DischargeContext {
  return toContext('sandbox', collectFields(section).fields, {
    patientId: fhirId(section.getAttribute('data-patient-id')),
    encounterId: fhirId(section.getAttribute('data-encounter-id')),
  });
}

/** A generic screen's fields, and how many patients the container shows. */
export function extractGeneric(container: Element): { context: DischargeContext; patients: number } {
  const { fields, patients } = collectFields(container);
  return { context: toContext('generic', fields), patients };
}

/** Contexts are flat objects of strings built in a fixed field order. */
export function sameContext(a: DischargeContext | undefined, b: DischargeContext | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
