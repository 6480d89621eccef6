// One deployment's messaging: the provider account (Twilio's Messages API), where the provider
// reaches CareRelay's webhooks, the hospital's zone and quiet hours. From the environment:
//   TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM (E.164), TWILIO_API_BASE (default
//   https://api.twilio.com), MESSAGING_WEBHOOK_BASE (public URL of the webhooks, e.g.
//   https://carerelay.example.org/messaging), MESSAGING_TIME_ZONE (IANA), QUIET_HOURS ("21-8" | "off").
// Without an account SID, nobody is texted and "patient notified" stays a nurse's call.
import { parseQuietHours, type QuietHours } from './quiet-hours';
import { createTwilioClient, type MessagingClient, type TwilioConfig } from './twilio-client';
import { STATUS_PATH } from './webhooks';

export interface MessagingSetup {
  twilio: Omit<TwilioConfig, 'statusCallback'>;
  webhookBase: string;
  timeZone: string;
  quietHours?: QuietHours;
}

export function messagingFromEnv(env: Record<string, string | undefined>): MessagingSetup | undefined {
  if (!env.TWILIO_ACCOUNT_SID) return undefined;
  const missing = ['TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'MESSAGING_WEBHOOK_BASE', 'MESSAGING_TIME_ZONE'].filter((k) => !env[k]);
  if (missing.length) throw new Error(`Messaging needs ${missing.join(', ')} as well as TWILIO_ACCOUNT_SID`);
  const timeZone = env.MESSAGING_TIME_ZONE ?? '';
  return {
    twilio: { apiBase: env.TWILIO_API_BASE ?? 'https://api.twilio.com', accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN ?? '', from: env.TWILIO_FROM ?? '' },
    webhookBase: env.MESSAGING_WEBHOOK_BASE ?? '',
    timeZone,
    quietHours: parseQuietHours(env.QUIET_HOURS, timeZone),
  };
}

export function messagingClient(setup: MessagingSetup, overrides: Partial<TwilioConfig> = {}): MessagingClient {
  return createTwilioClient({ ...setup.twilio, statusCallback: `${setup.webhookBase.replace(/\/$/, '')}${STATUS_PATH}`, ...overrides });
}
