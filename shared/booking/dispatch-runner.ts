// Runs dispatch for a patient's bookings against the FHIR server. Safe to run from
// several places at once: the new Task is a conditional create on an identifier
// derived from the request and attempt, and the request's performer is updated
// with If-Match in the same transaction, so a second runner gets 412 and writes nothing.
//
// On a server without transactions (fallback-writes.ts) the entries go one by one,
// in the order that a failure midway leaves safest: first the request's performer
// (the If-Match update, so a second runner still gets 412 before writing anything),
// then the next Task (search by its derived identifier, or PUT at that id), then the
// unanswered Task is closed, then the Provenances. A failure before the next Task
// exists leaves the last Task unchanged, so the next run computes the same step
// (same attempt, same ids) and finishes it. Not atomic: a failure after the next Task
// but before closing the unanswered one leaves that vendor's Task open (the first
// vendor may still answer it); closing it first instead would leave the newest Task
// cancelled, which no later run re-dispatches.
import { CareRelayError, FhirHttpError } from '../errors/errors';
import { entriesOf, type FhirApi } from '../fhir/api';
import { SYSTEMS, TASK_PARAMS } from '../fhir/codes';
import type { THealthcareService, TOrganization, TTask } from '../fhir/schemas';
import { dispatchIds, nextDispatch, type DispatchRequest, type DispatchStep } from './dispatch';
import { sendWrites, type WriteEntry } from './fallback-writes';
import { assertTransition } from './task-status';
import { fetchVendorHistory } from './vendor-history';
import { vendorStats } from './vendor-stats';
import { provenanceEntry, type TransactionEntry } from './write-plan';

export interface DispatchRunOptions {
  /** Requests whose latest vendor Task looks declined or unanswered (from the chart). */
  candidates: { resourceType: 'ServiceRequest' | 'DeviceRequest'; id: string }[];
  services: THealthcareService[];
  organizations: TOrganization[];
  postalCode?: string;
  now: () => Date;
  noAnswerMs: number;
  actor?: string;
  timeZone?: string;
}

export interface DispatchOutcome {
  request: string;
  kind: DispatchStep['kind'] | 'conflict';
  to?: string;
}

export async function runDispatch(api: FhirApi, o: DispatchRunOptions): Promise<DispatchOutcome[]> {
  const outcomes: DispatchOutcome[] = [];
  for (const c of o.candidates) {
    const request = await api.read(c.resourceType, c.id);
    const ref = `${c.resourceType}/${c.id}`;
    const tasks = entriesOf(await api.search('Task', { focus: ref, code: `${SYSTEMS.taskCode}|fulfill`, _count: '50' }), 'Task');
    const step = nextDispatch({
      request, tasks, services: o.services, organizations: o.organizations, stats: await statsFor(api, o.services),
      postalCode: o.postalCode, now: o.now(), noAnswerMs: o.noAnswerMs, timeZone: o.timeZone,
    });
    if (step.kind !== 'redispatch') {
      outcomes.push({ request: ref, kind: step.kind });
      continue;
    }
    try {
      await sendWrites(api, redispatchBundle(request, step, o), { stepOrder: redispatchStepOrder(ref) });
      outcomes.push({ request: ref, kind: 'redispatch', to: step.to.organization });
    } catch (error) {
      // 412: another runner (or the vendor) changed it first; the next chart refresh shows theirs.
      if (error instanceof FhirHttpError && (error.status === 412 || error.status === 409)) outcomes.push({ request: ref, kind: 'conflict' });
      else throw error;
    }
  }
  return outcomes;
}

/** Without a transaction: the request's performer (the claim), the next Task, closing the old Task, Provenances. */
export function redispatchStepOrder(requestRef: string) {
  return (e: WriteEntry): number => {
    if (e.request.url === requestRef) return 0;
    if (e.request.method === 'POST') return 1;
    return e.resource.resourceType === 'Provenance' ? 3 : 2;
  };
}

/** Recent history of the vendors in the directory; ranking works (unranked) without it. */
async function statsFor(api: FhirApi, services: THealthcareService[]) {
  const owners = [...new Set(services.map((s) => s.providedBy?.reference).filter((r): r is string => Boolean(r)))];
  if (owners.length === 0) return new Map();
  try {
    const history = await fetchVendorHistory(api, owners, new Date(Date.now() - 90 * 86_400_000));
    return vendorStats(history.tasks, history.provenance);
  } catch (error) {
    if (error instanceof CareRelayError) return new Map();
    throw error;
  }
}

export function redispatchBundle(request: DispatchRequest, step: Extract<DispatchStep, { kind: 'redispatch' }>, o: Pick<DispatchRunOptions, 'now' | 'actor' | 'noAnswerMs'>) {
  const now = o.now().toISOString();
  const ids = dispatchIds(request, step.attempt);
  const requestRef = `${request.resourceType}/${request.id ?? ''}`;
  const from = step.from;
  const entries: TransactionEntry[] = [];
  const fromName = from.owner?.display ?? from.owner?.reference ?? 'the vendor';
  if (step.reason === 'no-answer') {
    const reason = `No answer within ${Math.round(o.noAnswerMs / 60_000)} minutes`;
    assertTransition(from.status, 'cancelled', 'requester', reason);
    entries.push({
      fullUrl: `Task/${from.id ?? ''}`,
      resource: { ...from, status: 'cancelled', statusReason: { text: reason }, businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'cancelled-by-facility' }] }, lastModified: now },
      request: { method: 'PUT', url: `Task/${from.id ?? ''}`, ifMatch: `W/"${from.meta?.versionId ?? ''}"` },
    });
    entries.push(provenanceEntry(ids.closeProvenance, `Task/${from.id ?? ''}`, 'cancelled-by-facility', now, o.actor, reason));
  }
  entries.push({
    fullUrl: `urn:uuid:${ids.task}`,
    resource: nextTask(from, ids.task, step.to.organization, step.to.name, now),
    request: { method: 'POST', url: 'Task', ifNoneExist: `identifier=${SYSTEMS.bookingId}|${ids.task}` },
  });
  const performer = { reference: step.to.organization, display: step.to.name };
  entries.push({
    fullUrl: requestRef,
    resource: { ...request, performer: request.resourceType === 'DeviceRequest' ? performer : [performer] },
    request: { method: 'PUT', url: requestRef, ifMatch: `W/"${request.meta?.versionId ?? ''}"` },
  });
  const why = step.reason === 'declined' ? `${fromName} declined` : `${fromName} did not answer`;
  entries.push(provenanceEntry(ids.provenance, `urn:uuid:${ids.task}`, 'sent', now, o.actor, `${why}; sent to ${step.to.name}`));
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/** The next attempt: same order, patient, places and deadline; a fresh status and the new owner. */
function nextTask(from: TTask, id: string, owner: string, ownerName: string, now: string): TransactionEntry['resource'] {
  const { id: _id, meta: _meta, output: _output, statusReason: _reason, ...rest } = from;
  return {
    ...rest,
    resourceType: 'Task',
    identifier: [{ system: SYSTEMS.bookingId, value: id }],
    status: 'requested',
    businessStatus: { coding: [{ system: SYSTEMS.milestone, code: 'sent' }] },
    owner: { reference: owner, display: ownerName },
    authoredOn: now,
    lastModified: now,
    input: (from.input ?? []).filter((i) => codeIn(i.type) !== TASK_PARAMS.appointment),
  };
}

function codeIn(type: { coding?: { code?: string }[] }): string | undefined {
  return type.coding?.[0]?.code;
}
