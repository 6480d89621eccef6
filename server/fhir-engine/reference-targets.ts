import { tryGetDataType } from '@medplum/core';
import type { InternalSchemaElement } from '@medplum/core';

// validateResource does not check which resource type a Reference points at; a strict
// R4 server does (Appointment.participant.actor may not be an Organization). This walks a
// resource with the base R4 element definitions and lists every reference whose target type
// is not in the element's targetProfile list.

const PROFILE = 'http://hl7.org/fhir/StructureDefinition/';
/** Relative `Type/id` or an absolute `…/Type/id[/_history/v]`; urn:uuid and `#contained` are not checked. */
const LITERAL = /(?:^|\/)([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

export interface ReferenceTargetIssue {
  path: string;
  reference: string;
  allowed: string[];
}

export function referenceTargetIssues(resource: { resourceType: string }): ReferenceTargetIssue[] {
  const issues: ReferenceTargetIssue[] = [];
  walk(resource as Record<string, unknown>, resource.resourceType, resource.resourceType, issues);
  return issues;
}

function walk(value: Record<string, unknown>, typeName: string, path: string, issues: ReferenceTargetIssue[]): void {
  const schema = tryGetDataType(typeName);
  if (!schema) return;
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'resourceType' || raw === null || typeof raw !== 'object') continue;
    const found = elementOf(schema.elements, key);
    if (!found) continue;
    const items = Array.isArray(raw) ? raw : [raw];
    items.forEach((item: unknown, i) => {
      if (!item || typeof item !== 'object') return;
      const at = `${path}.${key}${Array.isArray(raw) ? `[${i}]` : ''}`;
      const obj = item as Record<string, unknown>;
      if (found.code === 'Reference') checkReference(obj, found.targets, at, issues);
      else if (found.code === 'Resource' && typeof obj.resourceType === 'string') walk(obj, obj.resourceType, at, issues);
      else if (/^[A-Z]/.test(found.code)) walk(obj, found.code, at, issues);
    });
  }
}

function elementOf(elements: Record<string, InternalSchemaElement>, key: string): { code: string; targets: string[] | undefined } | undefined {
  const only = elements[key]?.type.length === 1 ? elements[key].type[0] : undefined;
  if (only) return { code: only.code, targets: only.targetProfile };
  for (const [name, el] of Object.entries(elements)) {
    if (!name.endsWith('[x]')) continue;
    const prefix = name.slice(0, -3);
    if (!key.startsWith(prefix)) continue;
    const suffix = key.slice(prefix.length);
    const t = el.type.find((x) => x.code.toLowerCase() === suffix.toLowerCase());
    if (t) return { code: t.code, targets: t.targetProfile };
  }
  return undefined;
}

function checkReference(ref: Record<string, unknown>, targets: string[] | undefined, path: string, issues: ReferenceTargetIssue[]): void {
  const reference = typeof ref.reference === 'string' ? ref.reference : undefined;
  if (!reference || !targets?.length) return;
  const allowed = targets.map((t) => t.replace(PROFILE, ''));
  if (allowed.includes('Resource')) return;
  const type = LITERAL.exec(reference)?.[1];
  if (!type || !tryGetDataType(type)) return;
  if (!allowed.includes(type)) issues.push({ path: `${path}.reference`, reference, allowed });
}
