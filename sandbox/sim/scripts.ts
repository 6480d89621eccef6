// Scripted outcomes: each rule keeps its own cursor per Task, so a rule matching
// several Tasks (e.g. by owner) plays its actions for each of them.
import { z } from 'zod';
import { SERVICE_TYPES, type ServiceType } from '../../shared/fhir/codes';
import type { SimTask } from './fhir-io';
import type { SimScript } from './types';

export const SimScriptSchema = z.object({
  match: z.object({
    owner: z.string().optional(),
    taskIdentifier: z.string().optional(),
    serviceType: z.enum(SERVICE_TYPES).optional(),
    taskId: z.string().optional(),
  }),
  actions: z.array(z.string()).min(1),
});

export interface ScriptedStep {
  action: string;
  arg?: string;
  /** Marks the action as played for this Task. */
  commit(): void;
}

interface Rule { rule: SimScript; cursors: Map<string, number> }

function matches(rule: SimScript, task: SimTask, service: ServiceType): boolean {
  const m = rule.match;
  if (m.owner && task.owner?.reference !== m.owner) return false;
  if (m.taskId && task.id !== m.taskId) return false;
  if (m.serviceType && m.serviceType !== service) return false;
  if (m.taskIdentifier) {
    const ids = (task.identifier ?? []).flatMap((i) => [i.value, `${i.system}|${i.value}`]);
    if (!ids.includes(m.taskIdentifier)) return false;
  }
  return true;
}

export function createScriptBook() {
  const rules: Rule[] = [];
  return {
    add(rule: SimScript): void {
      rules.push({ rule: SimScriptSchema.parse(rule), cursors: new Map() });
    },
    clear(): void {
      rules.length = 0;
    },
    next(task: SimTask, service: ServiceType): ScriptedStep | undefined {
      for (const r of rules) {
        if (!matches(r.rule, task, service)) continue;
        const i = r.cursors.get(task.id) ?? 0;
        const action = r.rule.actions[i];
        if (action === undefined) continue;
        const takesArg = action === 'reschedule' || action === 'decline';
        const arg = takesArg ? r.rule.actions[i + 1] : undefined;
        // A decline reason is optional: only a following non-action word counts as one.
        const hasArg = arg !== undefined && (action === 'reschedule' || !ACTIONS.has(arg));
        const isLast = i + (hasArg ? 2 : 1) >= r.rule.actions.length;
        return {
          action,
          arg: hasArg ? arg : undefined,
          // A trailing 'no-answer' is sticky: the vendor stays silent until the rule is cleared.
          commit: () => { if (!(action === 'no-answer' && isLast)) r.cursors.set(task.id, i + (hasArg ? 2 : 1)); },
        };
      }
      return undefined;
    },
    pending(): { match: SimScript['match']; actions: string[]; progress: Record<string, number> }[] {
      return rules.map((r) => ({ match: r.rule.match, actions: r.rule.actions, progress: Object.fromEntries(r.cursors) }));
    },
  };
}

const ACTIONS = new Set(['accept', 'decline', 'book', 'reschedule', 'vendor-no-show', 'no-answer', 'advance']);

export type ScriptBook = ReturnType<typeof createScriptBook>;
