// Texts the patient when a transport booking reaches booked or its time changes: one
// Communication per change, created with a deterministic identifier (conditional create),
// then claimed with If-Match before the provider is called, so two runners send it once.
// A text due in quiet hours waits (on-hold) until the morning; a text whose time has since
// changed is stopped, never sent. See docs/decisions/0013-patient-texts.md.
import { FhirHttpError } from '../../shared/errors/errors';
import { entriesOf, type FhirApi } from '../../shared/fhir/api';
import { MESSAGING } from '../../shared/fhir/messaging-codes';
import { bookingIdOf, identifierQuery, refId } from '../../shared/fhir/refs';
import type { TCommunication } from '../../shared/fhir/schemas';
import { batchSearch, loadWorkflowState } from '../../shared/workflow/load-state';
import type { WorkflowState } from '../../shared/workflow/workflow-state';
import { sendableAt, type QuietHours } from './quiet-hours';
import { afterStatus } from './status';
import { candidates, isText, planTexts, textId, withProviderStatus, type Contact, type TextFacts } from './text-plan';
import type { MessagingClient } from './twilio-client';

export interface TextingOptions {
  client: MessagingClient;
  /** The hospital's zone: the day and window in the text, and quiet hours. */
  timeZone: string;
  quietHours?: QuietHours;
  now: () => Date;
}

export interface TextOutcome {
  rule: 'text-patient';
  key: string;
  /** reconciled: the provider's status, asked for because its callback never came. */
  result: 'planned' | 'sent' | 'not-delivered' | 'stopped' | 'conflict' | 'reconciled';
}

export async function textPatients(api: FhirApi, o: TextingOptions): Promise<TextOutcome[]> {
  const now = o.now();
  const state = await loadWorkflowState(api);
  const outcomes: TextOutcome[] = [];
  const facts = await loadFacts(api, state, o.timeZone, now);
  for (const planned of planTexts(state, facts, now, sendableAt(now, o.quietHours))) {
    await api.create('Communication', planned.resource, identifierQuery(planned.identifier));
    outcomes.push({ rule: 'text-patient', key: planned.identifier, result: planned.resource['status'] === 'not-done' ? 'not-delivered' : 'planned' });
  }
  const current = new Set(candidates(state, now).map((c) => textId(c.task, c.appointment.start)));
  const waiting = entriesOf(await api.search('Communication', { status: 'on-hold', _count: '500' }), 'Communication').filter((c) => isText(c));
  for (const text of waiting) {
    const key = bookingIdOf(text) ?? text.id ?? '';
    if (!current.has(key)) outcomes.push(await finish(api, text, key, { status: 'stopped', statusReason: { text: 'Not sent: the booking changed before the text was due' } }, 'stopped'));
    else if (Date.parse(sendAfterOf(text) ?? '') <= now.getTime()) outcomes.push(await deliver(api, o.client, text, key, now));
  }
  outcomes.push(...(await reconcile(api, o.client, now)));
  return outcomes;
}

/** A status callback that never came (webhook down): ask the provider after this long. */
export const ASK_PROVIDER_AFTER_MS = 2 * 60_000;
/** Claimed but no provider answer recorded (the runner died mid-send) after this long: say so, do not resend. */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;

/** Texts still in flight: the provider's word where a callback was missed; an interrupted send made visible. */
async function reconcile(api: FhirApi, client: MessagingClient, now: Date): Promise<TextOutcome[]> {
  const outcomes: TextOutcome[] = [];
  const inFlight = entriesOf(await api.search('Communication', { status: 'in-progress', _count: '500' }), 'Communication').filter((c) => isText(c));
  for (const text of inFlight) {
    const age = now.getTime() - (Date.parse(text.sent ?? '') || now.getTime());
    const key = bookingIdOf(text) ?? text.id ?? '';
    const sid = text.identifier?.find((i) => i.system === MESSAGING.providerSid)?.value;
    if (!sid) {
      if (age >= INTERRUPTED_AFTER_MS) outcomes.push(await finish(api, text, key, withProviderStatus({ ...text, status: 'not-done', statusReason: { text: 'Not delivered: sending was interrupted (not resent, so the patient is never texted twice)' } }, 'failed'), 'not-delivered'));
      continue;
    }
    if (age < ASK_PROVIDER_AFTER_MS) continue;
    const reported = await client.status(sid);
    const next = reported && afterStatus(text, reported.status, reported.errorCode, now);
    if (next) outcomes.push(await finish(api, text, key, next, next['status'] === 'not-done' ? 'not-delivered' : 'reconciled'));
  }
  return outcomes;
}

async function loadFacts(api: FhirApi, state: WorkflowState, timeZone: string, now: Date): Promise<TextFacts> {
  const found = candidates(state, now);
  const patients = [...new Set(found.map((c) => refId(c.request.subject, 'Patient')).filter(Boolean))];
  const vendors = [...new Set(found.map((c) => refId(c.task.owner, 'Organization')).filter(Boolean))];
  if (!patients.length) return { patients: [], relatedPersons: [], organizations: [], timeZone };
  const [p, r, v] = await batchSearch(api, [
    `Patient?_id=${patients.join(',')}&_count=500`,
    `RelatedPerson?patient=${patients.join(',')}&_count=500`,
    `Organization?_id=${vendors.join(',') || 'none'}&_count=500`,
  ]);
  const contacts = (bundle: typeof p) => (bundle?.entry ?? []).map((e) => e.resource as unknown as Contact);
  return {
    patients: contacts(p).filter((c) => c.resourceType === 'Patient'),
    relatedPersons: contacts(r).filter((c) => c.resourceType === 'RelatedPerson'),
    organizations: v ? entriesOf(v, 'Organization') : [],
    timeZone,
  };
}

const sendAfterOf = (c: TCommunication) => (c['extension'] as { url?: string; valueDateTime?: string }[] | undefined)?.find((x) => x.url === MESSAGING.sendAfter)?.valueDateTime;

/** Claim (If-Match), send, record. A second runner's claim gets 412 and sends nothing. */
async function deliver(api: FhirApi, client: MessagingClient, text: TCommunication, key: string, now: Date): Promise<TextOutcome> {
  let claimed: TCommunication;
  try {
    claimed = await api.update('Communication', text.id ?? '', { ...text, status: 'in-progress', sent: now.toISOString() }, text.meta?.versionId);
  } catch (error) {
    if (error instanceof FhirHttpError && (error.status === 412 || error.status === 409)) return { rule: 'text-patient', key, result: 'conflict' };
    throw error;
  }
  const to = claimed.identifier?.find((i) => i.system === MESSAGING.thread)?.value ?? '';
  const result = await client.send(to, claimed.payload?.[0]?.contentString ?? '');
  const next = result.ok
    ? withProviderStatus({ ...claimed, identifier: [...(claimed.identifier ?? []), { system: MESSAGING.providerSid, value: result.sid }] }, result.status)
    : withProviderStatus({ ...claimed, status: 'not-done', statusReason: { text: `Not delivered: ${result.reason}` } }, 'failed');
  await api.update('Communication', claimed.id ?? '', next, claimed.meta?.versionId);
  return { rule: 'text-patient', key, result: result.ok ? 'sent' : 'not-delivered' };
}

async function finish(api: FhirApi, text: TCommunication, key: string, change: Record<string, unknown>, result: TextOutcome['result']): Promise<TextOutcome> {
  try {
    await api.update('Communication', text.id ?? '', { ...text, ...change }, text.meta?.versionId);
    return { rule: 'text-patient', key, result };
  } catch (error) {
    if (error instanceof FhirHttpError && (error.status === 412 || error.status === 409)) return { rule: 'text-patient', key, result: 'conflict' };
    throw error;
  }
}

export type { Contact };
