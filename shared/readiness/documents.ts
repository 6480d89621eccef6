// The two documents a readiness check reads, fetched and validated. Both are
// public by spec (SMART App Launch 2.x discovery; FHIR capabilities interaction),
// so no token is involved. Problems are values with a sentence an admin can act on.
import { z } from 'zod';

export const SmartConfigurationDoc = z.looseObject({
  authorization_endpoint: z.string({ error: 'is missing' }),
  token_endpoint: z.string({ error: 'is missing' }),
  capabilities: z.array(z.string()).default([]),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  grant_types_supported: z.array(z.string()).optional(),
  scopes_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});
export type SmartConfigurationDoc = z.infer<typeof SmartConfigurationDoc>;

const Code = z.looseObject({ code: z.string() });
const RestResource = z.looseObject({
  type: z.string(),
  interaction: z.array(Code).default([]),
  conditionalCreate: z.boolean().optional(),
  searchInclude: z.array(z.string()).default([]),
  searchRevInclude: z.array(z.string()).default([]),
});
export type RestResource = z.infer<typeof RestResource>;

export const CapabilityStatementDoc = z.looseObject({
  resourceType: z.literal('CapabilityStatement', { error: 'must be CapabilityStatement' }),
  fhirVersion: z.string().optional(),
  instantiates: z.array(z.string()).default([]),
  rest: z.array(z.looseObject({
    mode: z.string().optional(),
    interaction: z.array(Code).default([]),
    resource: z.array(RestResource).default([]),
  })).default([]),
});
export type CapabilityStatementDoc = z.infer<typeof CapabilityStatementDoc>;

export type Fetched<T> = { ok: true; url: string; body: T } | { ok: false; url: string; problem: string };

export interface FetchOptions {
  fetch: typeof fetch;
  timeoutMs: number;
}

export async function fetchDocument<T>(url: string, schema: z.ZodType<T>, accept: string, what: string, o: FetchOptions): Promise<Fetched<T>> {
  let response: Response;
  try {
    response = await o.fetch(url, { headers: { Accept: accept }, signal: AbortSignal.timeout(o.timeoutMs) });
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    const detail = timedOut ? `no answer within ${o.timeoutMs < 1000 ? `${o.timeoutMs} ms` : `${Math.round(o.timeoutMs / 1000)} s`}` : cause instanceof Error ? cause.message : String(cause);
    return { ok: false, url, problem: `Could not reach ${url} (${detail}).` };
  }
  if (!response.ok) return { ok: false, url, problem: `${url} answered HTTP ${response.status}; the ${what} must be public.` };
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return { ok: false, url, problem: `${url} did not answer with JSON, so it is not a ${what}.` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, url, problem: `${url} is not a usable ${what}: ${issue?.path.join('.') || 'document'} ${issue?.message ?? 'is invalid'}.` };
  }
  return { ok: true, url, body: parsed.data };
}
