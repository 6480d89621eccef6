// SMART scope arithmetic: which requested scopes a client may be granted, and
// whether granted scopes allow a FHIR interaction. Pure functions, no provider.
import type { AccessContext, FhirInteraction } from '../contracts';

export type ScopeContext = 'patient' | 'user' | 'system';
type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
  context: ScopeContext;
  /** A resource type or '*'. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
  /** A v2 query suffix (`?category=...`), kept verbatim. */
  query?: string;
}

const SCOPE_RE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(\?.*)?$/;
const V1: Record<string, Permission[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ['c', 'r', 'u', 'd', 's'] };
// v2 letters must appear in this order (SMART App Launch 2.x, "cruds").
const V2_RE = /^c?r?u?d?s?$/;

const PERMISSION_OF: Record<FhirInteraction, Permission> = {
  create: 'c', read: 'r', update: 'u', delete: 'd', search: 's',
};

/** Parses a v1 or v2 resource scope; null for anything else (openid, launch, ...). */
export function parseResourceScope(scope: string): ResourceScope | null {
  const m = SCOPE_RE.exec(scope);
  if (!m) return null;
  const [, context, resourceType, perms, query] = m;
  if (!context || !resourceType || !perms) return null;
  let permissions: Permission[] | undefined = V1[perms];
  if (!permissions) {
    if (perms.length === 0 || !V2_RE.test(perms)) return null;
    permissions = [...perms] as Permission[];
  }
  return { context: context as ScopeContext, resourceType, permissions: new Set(permissions), ...(query ? { query } : {}) };
}

export function isResourceScope(scope: string): boolean {
  return SCOPE_RE.test(scope);
}

/** Whether a registered scope covers (grants at least) a requested one. */
export function covers(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const have = parseResourceScope(registered);
  const want = parseResourceScope(requested);
  if (!have || !want || have.context !== want.context) return false;
  if (have.resourceType !== '*' && have.resourceType !== want.resourceType) return false;
  // A query-restricted registration only covers the same restriction; an unrestricted
  // one covers any narrower (query-restricted) request.
  if (have.query !== undefined && have.query !== want.query) return false;
  return [...want.permissions].every((p) => have.permissions.has(p));
}

/** The requested scopes the client's registration covers, in request order, deduplicated. */
export function grantableScopes(requested: readonly string[], registered: readonly string[]): string[] {
  const granted = requested.filter((scope) => registered.some((r) => covers(r, scope)));
  return [...new Set(granted)];
}

/**
 * Which scope contexts (patient/user/system) grant this interaction. The FHIR server
 * uses this to restrict to the patient compartment when only patient/ scopes grant.
 * Query-suffixed v2 scopes (`patient/Observation.rs?category=laboratory`) never grant
 * here: they allow only a filtered subset, which this yes/no question cannot express,
 * so they are treated conservatively as not granting access.
 */
export function grantingContexts(scopes: readonly string[], interaction: FhirInteraction, resourceType: string): Set<ScopeContext> {
  const needed = PERMISSION_OF[interaction];
  const contexts = new Set<ScopeContext>();
  for (const scope of scopes) {
    const parsed = parseResourceScope(scope);
    if (!parsed || parsed.query !== undefined) continue;
    if (parsed.resourceType !== '*' && parsed.resourceType !== resourceType) continue;
    if (parsed.permissions.has(needed)) contexts.add(parsed.context);
  }
  return contexts;
}

/**
 * Whether the granted scopes allow the interaction on the type. Compartment checks
 * (a patient/ scope only reaches ctx.patient's data) are the FHIR server's job.
 */
export function allows(ctx: AccessContext, interaction: FhirInteraction, resourceType: string): boolean {
  return grantingContexts(ctx.scopes, interaction, resourceType).size > 0;
}
