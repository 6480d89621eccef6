import { getExpressionForResourceType, globalSchema } from '@medplum/core';
import type { SearchParameter } from '@medplum/fhirtypes';

/**
 * R4 shares one SearchParameter across many types, so the engine evaluates e.g.
 * Condition?patient= with a 40-branch union ("AllergyIntolerance.patient |
 * CarePlan.subject.where(resolve() is Patient) | ...") on every resource: about
 * 6 ms per Condition, all but one branch yielding nothing. This gives each type
 * its own branches only, as the Medplum server does (same core helper), so the
 * engine's matcher, _include and _sort see the same values, just sooner.
 * The shared originals are kept so tests can compare against them.
 */
const originals = new Map<string, Record<string, SearchParameter>>();

export type ExpressionMode = 'per-type' | 'shared';

export function setSearchExpressions(mode: ExpressionMode): void {
  for (const [type, schema] of Object.entries(globalSchema.types)) {
    const params = schema.searchParams;
    if (!params) continue;
    if (!originals.has(type)) originals.set(type, { ...params });
    const shared = originals.get(type) ?? {};
    for (const [code, param] of Object.entries(shared)) {
      const own = mode === 'per-type' ? ownExpression(type, param.expression) : undefined;
      // A copy per type: the SearchParameter object itself is shared with the other types.
      params[code] = own ? { ...param, expression: own } : param;
    }
  }
}

/** The type's own branches, or undefined to keep the expression as it is. */
function ownExpression(type: string, expression: string | undefined): string | undefined {
  if (!expression?.includes('|')) return undefined;
  // Dropping a branch is only safe when it starts at another resource type
  // ("Goal.subject", "(Observation.value as Quantity)"): on a `type` resource that
  // path is empty. Anything else ("Resource.x", functions, literals) keeps it all.
  if (!topLevelBranches(expression).every(startsAtResourceType)) return undefined;
  const own = getExpressionForResourceType(type, expression);
  return own && own !== expression ? own : undefined;
}

function startsAtResourceType(branch: string): boolean {
  const type = /^\(*([A-Z][A-Za-z]+)\./.exec(branch)?.[1];
  return type !== undefined && type in globalSchema.types;
}

/** Splits on '|' outside parentheses and quotes. */
function topLevelBranches(expression: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'" && expression[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === '|') {
      out.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(expression.slice(start).trim());
  return out;
}
