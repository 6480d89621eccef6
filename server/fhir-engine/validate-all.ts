import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';
import { referenceTargetIssues } from './reference-targets';

export interface InvalidResource {
  ref: string;
  issues: string[];
}

/** Base R4 validation plus reference target types, for every resource given: what a strict server would refuse. */
export function invalidResources(resources: Resource[]): InvalidResource[] {
  const out: InvalidResource[] = [];
  for (const r of resources) {
    const issues = [...schemaIssues(r), ...referenceTargetIssues(r).map((i) => `${i.path}: ${i.reference} is not one of ${i.allowed.join(', ')}`)];
    if (issues.length > 0) out.push({ ref: `${r.resourceType}/${r.id ?? ''}`, issues });
  }
  return out;
}

function schemaIssues(r: Resource): string[] {
  try {
    return validateResource(r).filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => i.details?.text ?? i.diagnostics ?? 'invalid');
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) throw err;
    return (err.outcome.issue ?? []).map((i) => `${i.expression?.join(',') ?? ''}: ${i.details?.text ?? 'invalid'}`);
  }
}
