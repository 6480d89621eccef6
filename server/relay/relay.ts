// The headless relay: runs the workflow trigger rules against a FHIR server as
// the carerelay-relay backend client. Importable (the e2e test runs it once).
import { resolve } from 'node:path';
import { createFhirApi } from '../../shared/fhir/api';
import { createFetchTransport } from '../../shared/fhir/transport';
import { runRules, type RuleOutcome } from '../../shared/workflow/run-rules';
import { backendAuthorization } from './backend-token';
import { textPatients, type TextOutcome } from '../messaging/patient-texts';
import { messagingClient, type MessagingSetup } from '../messaging/setup';
import type { MessagingClient } from '../messaging/twilio-client';

export interface RelayConfig {
  /** Sandbox origin, e.g. http://localhost:8080 (FHIR at /fhir/R4, token at /auth/token). */
  origin: string;
  /** The relay's private JWK (Backend Services): RELAY_KEY_FILE, else the sandbox's development key. */
  keyFile?: string;
  /** Texts patients when a booking is booked or its time changes (server/messaging); none = no texts. */
  messaging?: MessagingSetup;
  /** Replaces the provider client made from `messaging` (tests: fast retries). */
  messagingClient?: MessagingClient;
}

export type RelayOutcome = RuleOutcome | TextOutcome;

/** The sandbox's development key: registered with the sandbox only, never with a real EHR. */
export const SANDBOX_RELAY_KEY = resolve(import.meta.dirname, '../../sandbox/keys/relay.private.jwk.json');

export function createRelay(config: RelayConfig): () => Promise<RelayOutcome[]> {
  const authorization = backendAuthorization({
    tokenUrl: `${config.origin}/auth/token`,
    clientId: 'carerelay-relay',
    keyFile: config.keyFile ?? process.env.RELAY_KEY_FILE ?? SANDBOX_RELAY_KEY,
    scope: 'system/*.cruds',
  });
  const api = createFhirApi(createFetchTransport({ baseUrl: `${config.origin}/fhir/R4`, fetch: (...a) => fetch(...a), authorization }));
  const now = () => new Date();
  const texts = config.messaging ? { setup: config.messaging, client: config.messagingClient ?? messagingClient(config.messaging) } : undefined;
  return async () => {
    const outcomes: RelayOutcome[] = await runRules(api, { now });
    if (texts) outcomes.push(...(await textPatients(api, { client: texts.client, timeZone: texts.setup.timeZone, quietHours: texts.setup.quietHours, now })));
    return outcomes;
  };
}

/** One line per tick that changed something; quiet ticks say so. */
export function describeOutcomes(outcomes: RelayOutcome[]): string {
  const changed = outcomes.filter((o) => o.result !== 'existed');
  return changed.length ? changed.map((o) => `${o.rule} ${o.key} ${o.result}`).join('; ') : 'nothing to do';
}

/**
 * Runs the rules now and then every `seconds`, until stopped. A failed tick is logged and
 * retried on the next one: the rules are idempotent, so nothing is lost or done twice.
 */
export function startRelayLoop(tick: () => Promise<RelayOutcome[]>, seconds: number, log: (line: string) => void = console.log): () => void {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`the relay interval must be a positive number of seconds, not ${seconds}`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const loop = async () => {
    try {
      log(`${new Date().toISOString()} relay: ${describeOutcomes(await tick())}`);
    } catch (error) {
      log(`${new Date().toISOString()} relay tick failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => void loop(), seconds * 1000);
  };
  void loop();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
