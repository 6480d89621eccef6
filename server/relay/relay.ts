// The headless relay: runs the workflow trigger rules against a FHIR server as
// the carerelay-relay backend client. Importable (the e2e test runs it once).
import { resolve } from 'node:path';
import { createFhirApi } from '../../shared/fhir/api';
import { createFetchTransport } from '../../shared/fhir/transport';
import { runRules, type RuleOutcome } from '../../shared/workflow/run-rules';
import { backendAuthorization } from './backend-token';

export interface RelayConfig {
  /** Sandbox origin, e.g. http://localhost:8080 (FHIR at /fhir/R4, token at /auth/token). */
  origin: string;
  /** The relay's private JWK (Backend Services): RELAY_KEY_FILE, else the sandbox's development key. */
  keyFile?: string;
}

/** The sandbox's development key: registered with the sandbox only, never with a real EHR. */
export const SANDBOX_RELAY_KEY = resolve(import.meta.dirname, '../../sandbox/keys/relay.private.jwk.json');

export function createRelay(config: RelayConfig): () => Promise<RuleOutcome[]> {
  const authorization = backendAuthorization({
    tokenUrl: `${config.origin}/auth/token`,
    clientId: 'carerelay-relay',
    keyFile: config.keyFile ?? process.env.RELAY_KEY_FILE ?? SANDBOX_RELAY_KEY,
    scope: 'system/*.cruds',
  });
  const api = createFhirApi(createFetchTransport({ baseUrl: `${config.origin}/fhir/R4`, fetch: (...a) => fetch(...a), authorization }));
  return () => runRules(api, { now: () => new Date() });
}
