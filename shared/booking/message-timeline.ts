// Texts to the patient and the patient's replies (server/messaging) as a nurse reads them on
// the booking: timeline entries with the words sent and answered, and a notice when a text
// could not be delivered (so someone calls instead; never silent).
import { hasCode } from '../fhir/refs';
import { MESSAGING } from '../fhir/messaging-codes';
import type { TCommunication } from '../fhir/schemas';

export interface MessageEntry {
  at: string;
  milestone: string;
  text: string;
}

const categoryIs = (c: TCommunication, code: string) =>
  ((c['category'] as unknown[] | undefined) ?? []).some((k) => hasCode(k as never, MESSAGING.category, code));

const extension = (c: TCommunication, url: string) => (c['extension'] as { url?: string; valueDateTime?: string; valueCode?: string }[] | undefined)?.find((x) => x.url === url);
const reasonOf = (c: TCommunication) => (c['statusReason'] as { text?: string } | undefined)?.text;
const words = (c: TCommunication) => c.payload?.[0]?.contentString ?? '';

function textState(c: TCommunication): string {
  if (c.status === 'completed') return 'delivered';
  if (c.status === 'not-done') return reasonOf(c)?.replace(/^Not delivered: /, 'not delivered: ') ?? 'not delivered';
  if (c.status === 'stopped') return 'not sent, the booking changed first';
  if (c.status === 'on-hold') return `waiting for quiet hours to end (${extension(c, MESSAGING.sendAfter)?.valueDateTime ?? 'morning'})`;
  return `sent, not yet delivered${extension(c, MESSAGING.providerStatus)?.valueCode ? ` (${extension(c, MESSAGING.providerStatus)?.valueCode})` : ''}`;
}

export function messageEntries(comms: TCommunication[]): MessageEntry[] {
  const out: MessageEntry[] = [];
  for (const c of comms) {
    if (categoryIs(c, MESSAGING.patientText)) {
      out.push({ at: c.sent ?? extension(c, MESSAGING.sendAfter)?.valueDateTime ?? '', milestone: 'patient-text', text: `Text to the patient, ${textState(c)}: "${words(c)}"` });
    } else if (categoryIs(c, MESSAGING.patientReply)) {
      out.push({ at: String(c['received'] ?? c.sent ?? ''), milestone: 'patient-reply', text: `The patient replied: "${words(c)}"` });
    }
  }
  return out;
}

/** The latest text of this booking was not delivered (or could not be sent): say so and why. */
export function messageNotices(comms: TCommunication[]): string[] {
  const texts = comms.filter((c) => categoryIs(c, MESSAGING.patientText) && c.status !== 'stopped')
    .sort((a, b) => (Date.parse(a.sent ?? extension(a, MESSAGING.sendAfter)?.valueDateTime ?? '') || 0) - (Date.parse(b.sent ?? extension(b, MESSAGING.sendAfter)?.valueDateTime ?? '') || 0));
  const last = texts.at(-1);
  if (last?.status !== 'not-done') return [];
  const reason = (reasonOf(last) ?? 'Not delivered').replace(/^Not delivered: /, '');
  return [`Text to the patient not delivered: ${reason}. Call the patient and record it.`];
}
