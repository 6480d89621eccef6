import { z } from 'zod';
import type { FaultRule } from '../contracts';

export const faultRuleSchema = z.object({
  method: z.string().min(1).optional(),
  path: z.string().min(1).optional(),
  prefer: z.string().min(1).optional(),
  kind: z.enum(['latency', 'status', 'drop-after-commit', 'drop-before', 'malformed-json']),
  status: z.number().int().min(100).max(599).optional(),
  retryAfter: z.number().int().min(0).optional(),
  ms: z.number().min(0).max(600_000).optional(),
  times: z.number().int().min(1).optional(),
}).strict().superRefine((rule, ctx) => {
  if (rule.kind === 'status' && rule.status === undefined) {
    ctx.addIssue({ code: 'custom', message: 'kind "status" needs a status', path: ['status'] });
  }
  if (rule.kind === 'latency' && rule.ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'kind "latency" needs ms', path: ['ms'] });
  }
}) satisfies z.ZodType<FaultRule>;

/** A single rule or a list, as the admin endpoint and SANDBOX_FAULTS accept. */
export const faultRulesSchema = z.union([z.array(faultRuleSchema), faultRuleSchema.transform((r) => [r])]);

export class InvalidFaultRulesError extends Error {
  constructor(readonly issues: string[], options?: ErrorOptions) {
    super(`Invalid fault rules: ${issues.join('; ')}`, options);
    this.name = 'InvalidFaultRulesError';
  }
}

export function parseFaultRules(input: unknown): FaultRule[] {
  const result = faultRulesSchema.safeParse(input);
  if (!result.success) {
    throw new InvalidFaultRulesError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

/** Rules match on method (or '*') and on path+query, as a substring or as a regular expression. */
export function ruleMatches(rule: FaultRule, method: string, pathAndQuery: string, prefer = ''): boolean {
  if (rule.method && rule.method !== '*' && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.prefer && !prefer.includes(rule.prefer)) return false;
  if (!rule.path) return true;
  if (pathAndQuery.includes(rule.path)) return true;
  try {
    return new RegExp(rule.path).test(pathAndQuery);
  } catch {
    return false;
  }
}

/** Reads initial rules from SANDBOX_FAULTS (JSON: one rule or a list). */
export function faultsFromEnv(env: Record<string, string | undefined> = process.env): FaultRule[] {
  const raw = env.SANDBOX_FAULTS;
  if (!raw || raw.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new InvalidFaultRulesError(['SANDBOX_FAULTS is not valid JSON'], { cause: err });
  }
  return parseFaultRules(json);
}
