// Applies the trigger rules to the FHIR server. Safe from several runners at once
// (the relay, the app, the extension): creates are conditional on the follow-up's
// deterministic identifier, and completing a step is a PUT with If-Match, so the
// second writer either matches what the first made or gets 412 and writes nothing.
//
// On a server without transactions or conditional create (booking/fallback-writes.ts)
// a follow-up's entries are created one by one, each after a search by its identifier:
// a failure midway can leave the home-health referral without its Task. The rule
// would then see the referral and never make the Task, so a referral of ours that no
// Task is focused on is left out of the state the rules see: the rule emits both
// again, the referral's create finds it ("existed") and only the Task is created.
// Not atomic, and two runners searching at the same instant can both create where
// the server has no update-as-create.
import { FhirHttpError } from '../errors/errors';
import { sendWrites } from '../booking/fallback-writes';
import type { FhirApi } from '../fhir/api';
import { bookingIdOf, identifierQuery } from '../fhir/refs';
import { exceptionRules } from './exception-rules';
import { loadWorkflowState } from './load-state';
import { followUpIds, triggerRules, type CreateWrite, type RuleName, type WorkflowWrite } from './trigger-rules';
import type { WorkflowState } from './workflow-state';

export interface RunOptions {
  now: () => Date;
  /** Replaces the default two-batch read (e.g. an app that already holds one patient's chart). */
  load?: (api: FhirApi) => Promise<WorkflowState>;
  /** Which rules to run (the app runs only the exception rules for its patient); default: all of them. */
  rules?: (state: WorkflowState, now: Date) => WorkflowWrite[];
}

/** Every rule: the triggers, and the exceptions that need an owner (exception-rules.ts). */
export function allRules(state: WorkflowState, now: Date): WorkflowWrite[] {
  return [...triggerRules(state, now), ...exceptionRules(state, now)];
}

export interface RuleOutcome {
  rule: RuleName;
  /** The follow-up's identifier, or the completed step's reference. */
  key: string;
  /** closed: the step was moot (its trip is over, its need closed) and is now cancelled. */
  result: 'created' | 'existed' | 'completed' | 'closed' | 'conflict';
}

export async function runRules(api: FhirApi, o: RunOptions): Promise<RuleOutcome[]> {
  const state = await (o.load ?? loadWorkflowState)(api);
  const writes = (o.rules ?? allRules)(withoutOrphanReferrals(state), o.now());
  const outcomes: RuleOutcome[] = [];
  // One write at a time: each is small, and a failure leaves the others to the next run.
  for (const write of writes) outcomes.push(...(await apply(api, write, o.now())));
  return outcomes;
}

/** Our home-health referrals that an interrupted step-by-step write left without their Task (see the header). */
function withoutOrphanReferrals(state: WorkflowState): WorkflowState {
  const ours = followUpIds.homeHealthReferral('');
  const focused = new Set(state.tasks.map((t) => t.focus?.reference));
  const requests = state.requests.filter((sr) => !(bookingIdOf(sr)?.startsWith(ours) && !focused.has(`ServiceRequest/${sr.id ?? ''}`)));
  return requests.length === state.requests.length ? state : { ...state, requests };
}

async function apply(api: FhirApi, write: WorkflowWrite, now: Date): Promise<RuleOutcome[]> {
  if (write.kind === 'create') return create(api, write);
  return [await complete(api, write, now)];
}

async function create(api: FhirApi, write: CreateWrite): Promise<RuleOutcome[]> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: write.entries.map((e) => ({
      fullUrl: `urn:uuid:${e.identifier}`,
      resource: e.resource,
      request: { method: 'POST', url: e.resourceType, ifNoneExist: identifierQuery(e.identifier) },
    })),
  };
  const response = await sendWrites(api, bundle);
  return write.entries.map((e, i) => ({
    rule: write.rule,
    key: e.identifier,
    // 200 = the server matched If-None-Exist: another runner (or an earlier run) made it.
    result: response.entry?.[i]?.response?.status.startsWith('201') ? 'created' : 'existed',
  }));
}

async function complete(api: FhirApi, write: Extract<WorkflowWrite, { kind: 'complete' }>, now: Date): Promise<RuleOutcome> {
  const { task, rule } = write;
  const key = `Task/${task.id ?? ''}`;
  const status = write.status ?? 'completed';
  try {
    await api.update('Task', task.id ?? '', { ...task, status, statusReason: { text: write.why }, lastModified: now.toISOString() }, task.meta?.versionId);
    return { rule, key, result: status === 'cancelled' ? 'closed' : 'completed' };
  } catch (error) {
    // Someone changed the step since we read it (completed it, reassigned it); their write stands.
    if (error instanceof FhirHttpError && (error.status === 412 || error.status === 409)) return { rule, key, result: 'conflict' };
    throw error;
  }
}
