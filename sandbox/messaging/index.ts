// The sandbox's messaging: the Twilio stand-in on its own port, and CareRelay's webhooks
// (server/messaging) mounted on the sandbox origin under /messaging, as a deployment would
// mount them on the coordination server.
import { backendAuthorization } from '../../server/relay/backend-token';
import { SANDBOX_RELAY_KEY } from '../../server/relay/relay';
import type { MessagingSetup } from '../../server/messaging/setup';
import { parseQuietHours } from '../../server/messaging/quiet-hours';
import { createMessagingWebhooks } from '../../server/messaging/webhooks';
import { createFhirApi } from '../../shared/fhir/api';
import { createFetchTransport } from '../../shared/fhir/transport';
import { SANDBOX_TIME_ZONE } from '../time-zone';
import { SANDBOX_SMS } from './stand-in';

export { startSmsStandIn, SANDBOX_SMS, type SmsStandIn } from './stand-in';

export const WEBHOOK_PREFIX = '/messaging';

/** What the relay needs to text through the stand-in. Quiet hours are off unless QUIET_HOURS says so (tests run at any hour). */
export function sandboxMessaging(origin: string, standInUrl: string, quietHours = process.env.QUIET_HOURS ?? 'off'): MessagingSetup {
  return {
    twilio: { apiBase: standInUrl, accountSid: SANDBOX_SMS.accountSid, authToken: SANDBOX_SMS.authToken, from: SANDBOX_SMS.from },
    webhookBase: `${origin}${WEBHOOK_PREFIX}`,
    timeZone: SANDBOX_TIME_ZONE,
    quietHours: parseQuietHours(quietHours, SANDBOX_TIME_ZONE),
  };
}

/** CareRelay's webhooks, talking to the sandbox FHIR server as the relay's backend client. */
export function sandboxWebhooks(origin: string) {
  const authorization = backendAuthorization({ tokenUrl: `${origin}/auth/token`, clientId: 'carerelay-relay', keyFile: SANDBOX_RELAY_KEY, scope: 'system/*.cruds' });
  const api = createFhirApi(createFetchTransport({ baseUrl: `${origin}/fhir/R4`, fetch: (...a) => fetch(...a), authorization }));
  return createMessagingWebhooks({ api, authToken: SANDBOX_SMS.authToken, publicBase: `${origin}${WEBHOOK_PREFIX}` });
}
