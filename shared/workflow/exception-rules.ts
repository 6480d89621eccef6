// Exceptions get an owner and a next action (issue #14): when every vendor that can
// do a booking declined (or did not answer) and nobody is left to ask, or a vendor
// did not show, a step lands on the case manager's worklist, with the actions that
// resolve it (record a booking made by phone, change the request, cancel). Pure,
// like the other trigger rules: the id derives from the event (the request and its
// attempt count; the failed vendor Task), so the relay, the app and a second tab
// create it once. The step completes itself when the booking is booked again or
// the order is no longer active.
import { CARE_ROLES, SYSTEMS, STEP_KINDS } from '../fhir/codes';
import { bookingIdOf, codeIn, hasCode } from '../fhir/refs';
import type { TServiceRequest, TTask } from '../fhir/schemas';
import { rankedVendors } from '../booking/dispatch';
import { stepTask } from './step-resources';
import type { CreateWrite, WorkflowWrite } from './trigger-rules';
import { isBookedVendorTask, OPEN_STEP, ownerFor, ref, serviceCategory, stepKind, type WorkflowState } from './workflow-state';

export const EXCEPTION_STEPS = {
  allDeclined: 'all-vendors-declined',
  vendorNoShow: 'vendor-no-show',
} as const;
export type ExceptionStep = (typeof EXCEPTION_STEPS)[keyof typeof EXCEPTION_STEPS];
export const EXCEPTION_STEP_CODES: readonly string[] = Object.values(EXCEPTION_STEPS);

/** The owner should act well before the patient is ready: due within this long, or by the requested time if sooner. */
export const EXCEPTION_DUE_MS = 30 * 60_000;

export const exceptionIds = {
  allDeclined: (request: TServiceRequest, attempts: number) => `all-declined-${safe(bookingIdOf(request) ?? request.id ?? '')}-${attempts}`,
  vendorNoShow: (task: TTask) => `vendor-no-show-${safe(bookingIdOf(task) ?? task.id ?? '')}`,
};

const safe = (v: string) => v.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 48);

const isVendorTask = (t: TTask) => hasCode(t.code, SYSTEMS.taskCode, STEP_KINDS.fulfill);
const byAuthored = (a: TTask, b: TTask) => (Date.parse(a.authoredOn ?? '') || 0) - (Date.parse(b.authoredOn ?? '') || 0);

export function exceptionRules(state: WorkflowState, now: Date): WorkflowWrite[] {
  const writes: WorkflowWrite[] = [];
  const vendorTasks = state.tasks.filter(isVendorTask);
  for (const request of state.requests) {
    if (request.status !== 'active' || !request.id) continue;
    const service = serviceCategory(request);
    if (service !== 'transport' && service !== 'home-health') continue;
    const tasks = vendorTasks.filter((t) => t.focus?.reference === ref(request)).sort(byAuthored);
    const last = tasks.at(-1);
    if (!last) continue;
    if (last.status === 'failed') {
      const write = create(state, request, last, EXCEPTION_STEPS.vendorNoShow, exceptionIds.vendorNoShow(last), 'Vendor did not show: rebook with another vendor or by phone', now);
      if (write) writes.push(write);
    } else if (declinedOrSilent(last) && exhausted(state, request, tasks)) {
      const write = create(state, request, last, EXCEPTION_STEPS.allDeclined, exceptionIds.allDeclined(request, tasks.length), 'All vendors declined: call a vendor and record the booking, change the request, or cancel', now);
      if (write) writes.push(write);
    }
  }
  return [...writes, ...exceptionCompletions(state)];
}

function declinedOrSilent(t: TTask): boolean {
  return t.status === 'rejected' || (t.status === 'cancelled' && codeIn(t.businessStatus, SYSTEMS.milestone) === 'cancelled-by-facility' && /^No answer/.test(t.statusReason?.text ?? ''));
}

/** No vendor fits that was not tried. Without the directory in the state, nothing is called exhausted. */
function exhausted(state: WorkflowState, request: TServiceRequest, tasks: TTask[]): boolean {
  if (!state.services?.length) return false;
  const tried = new Set(tasks.map((t) => t.owner?.reference));
  const fits = rankedVendors({ request, services: state.services, organizations: state.organizations ?? [], stats: new Map(), postalCode: state.postalCodes?.[ref(request)], timeZone: state.timeZone });
  return !fits.some((v) => !tried.has(v.organization));
}

function create(state: WorkflowState, request: TServiceRequest, last: TTask, kind: string, id: string, description: string, now: Date): CreateWrite | undefined {
  const has = (t: TTask) => t.identifier?.some((i) => i.system === SYSTEMS.bookingId && i.value === id) ?? false;
  if (state.tasks.some(has)) return undefined;
  // One open step per booking and kind, whoever made it.
  if (state.tasks.some((t) => stepKind(t) === kind && OPEN_STEP.has(t.status) && t.focus?.reference === ref(request))) return undefined;
  const patient = request.subject.reference ?? '';
  const start = Date.parse(request.occurrencePeriod?.start ?? '');
  const due = Math.min(now.getTime() + EXCEPTION_DUE_MS, Number.isNaN(start) ? Infinity : Math.max(start, now.getTime()));
  const resource = stepTask({
    identifier: id, kind, description, patient, encounter: request.encounter?.reference, focus: ref(request), partOf: ref(last),
    owner: ownerFor(state, patient, CARE_ROLES.caseManager), dueBy: new Date(due).toISOString(), now: now.toISOString(),
  });
  return { kind: 'create', rule: kind === EXCEPTION_STEPS.vendorNoShow ? 'vendor-no-show' : 'all-vendors-declined', entries: [{ resourceType: 'Task', identifier: id, resource }] };
}

/** An open exception step whose booking is booked again, or whose order ended, is done. */
export function exceptionCompletions(state: WorkflowState): WorkflowWrite[] {
  const writes: WorkflowWrite[] = [];
  for (const step of state.tasks) {
    const kind = stepKind(step);
    if (!kind || !EXCEPTION_STEP_CODES.includes(kind) || !OPEN_STEP.has(step.status)) continue;
    const request = state.requests.find((r) => ref(r) === step.focus?.reference);
    if (!request) continue;
    const rule = kind === EXCEPTION_STEPS.vendorNoShow ? 'vendor-no-show' : 'all-vendors-declined';
    if (request.status !== 'active') {
      writes.push({ kind: 'complete', rule, task: step, why: 'The booking was cancelled' });
      continue;
    }
    const last = state.tasks.filter((t) => isVendorTask(t) && t.focus?.reference === ref(request)).sort(byAuthored).at(-1);
    if (last && isBookedVendorTask(last)) writes.push({ kind: 'complete', rule, task: step, why: `Booked with ${last.owner?.display ?? 'a vendor'}` });
  }
  return writes;
}
