// Seeded, randomized messages no sender may use to make the background act:
// junk, near-misses of every message type, and FHIR requests aimed off the FHIR base.
import fc from 'fast-check';
import { PanelMessage } from '../../../extension/messages';
import { relativeToBase } from '../../../extension/background/fhir-proxy';
import { FHIR } from './sandbox-client';

const context = fc.record({
  source: fc.constantFrom('sandbox', 'generic', 'evil'),
  patientId: fc.oneof(fc.constant('pat-001'), fc.string({ maxLength: 80 })),
  mrn: fc.string({ maxLength: 80 }),
  patientName: fc.string({ maxLength: 20 }),
}, { requiredKeys: [] });

const offBase = fc.constantFrom(
  'http://evil.example.org/collect', '//evil.example.org/x', '../../auth/token', '/fhir/R4/Task', 'http://localhost:8080/auth/token',
  `${FHIR}x/Task`, 'javascript:alert(1)', 'file:///etc/passwd', 'Task/../../auth/token', 'data:text/plain,hi', `${FHIR}/../../auth/token`,
);

const nearMiss = fc.oneof(
  fc.record({ type: fc.constantFrom('open-booking', 'discharge-screen'), service: fc.constantFrom('transport', 'dme', 'taxi'), context }),
  fc.record({ type: fc.constant('fhir'), request: fc.record({ method: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'TRACE'), url: offBase, body: fc.jsonValue(), headers: fc.dictionary(fc.constantFrom('Authorization', 'Prefer', 'X-Forwarded-For'), fc.string()) }) }),
  fc.record({ type: fc.constantFrom('sign-in', 'sign-out', 'current-patient', 'session-status', 'test-connection', 'fhir', 'Fhir', ''), extra: fc.jsonValue() }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('test-connection'), fhirBaseUrl: fc.oneof(fc.constant('not a url'), fc.webUrl()) }),
  fc.record({ __proto__: fc.jsonValue(), constructor: fc.jsonValue(), type: fc.constant('fhir') }),
);

/**
 * For an extension page a well-formed message is legitimate (and 'sign-in' would
 * open a login window), so only messages the background must refuse are kept:
 * malformed ones, and FHIR requests whose URL leaves the FHIR base.
 */
function refusedFromPage(message: unknown): boolean {
  const parsed = PanelMessage.safeParse(message);
  if (!parsed.success) return true;
  return parsed.data.type === 'fhir' && relativeToBase(parsed.data.request.url, FHIR) === undefined;
}

export function forgedPanelMessages(count: number, seed: number): unknown[] {
  return fc.sample(fc.oneof(nearMiss, fc.jsonValue()).filter(refusedFromPage), { numRuns: count, seed });
}

/** Content-script-shaped messages (and anything else) for senders that are not an allowed content script. */
export function forgedContentMessages(count: number, seed: number): unknown[] {
  return fc.sample(fc.oneof(
    fc.record({ type: fc.constant('open-booking'), service: fc.constant('transport'), context: fc.constant({ source: 'sandbox', patientId: 'pat-001', encounterId: 'enc-001' }) }),
    fc.record({ type: fc.constant('discharge-screen'), context: fc.constant({ source: 'sandbox', patientId: 'pat-001' }) }),
    // A write the server would accept, were it ever let through.
    fc.record({ type: fc.constant('fhir'), request: fc.record({ method: fc.constant('POST'), url: fc.constant('Task'), body: fc.constant({ resourceType: 'Task', status: 'requested', intent: 'order', for: { reference: 'Patient/pat-001' } }) }) }),
    fc.constant({ type: 'sign-out' }),
    nearMiss,
    fc.jsonValue(),
  ), { numRuns: count, seed });
}
