// The messaging adapter: Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json,
// HTTP Basic auth with the account SID and auth token, form-encoded To / From / Body / StatusCallback,
// a JSON Message back with its sid and status). Server-side only: the credentials never reach a browser.
// A 429 (honouring Retry-After), a 5xx or a dropped connection is retried with backoff; anything else
// the provider refuses (invalid number, unsubscribed recipient) is final. Either way the caller gets a
// value saying what happened, never an exception it could swallow.
import { z } from 'zod';

export interface TwilioConfig {
  /** https://api.twilio.com in production; the sandbox's stand-in locally. */
  apiBase: string;
  accountSid: string;
  authToken: string;
  /** The sending number (E.164). */
  from: string;
  /** Where the provider posts status changes (queued → sent → delivered | failed | undelivered). */
  statusCallback?: string;
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** First backoff; doubles each retry (default 1 s). */
  baseDelayMs?: number;
  /** A Retry-After longer than this is cut to it, so one tick of the relay cannot hang (default 30 s). */
  maxDelayMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export type SendResult =
  | { ok: true; sid: string; status: string; attempts: number }
  | { ok: false; reason: string; errorCode?: number; attempts: number };

export interface MessagingClient {
  send(to: string, body: string): Promise<SendResult>;
  /** The provider's current status of a message (for callbacks that never came); undefined when it cannot say. */
  status(sid: string): Promise<{ status: string; errorCode?: number } | undefined>;
}

const TwilioMessage = z.looseObject({ sid: z.string().min(1), status: z.string() });
const TwilioError = z.looseObject({ code: z.number().optional(), message: z.string().optional() });
const TwilioStatus = z.looseObject({ status: z.string(), error_code: z.number().nullable().optional() });

/** Twilio's error codes a clinician can act on, in their words. */
const ERROR_WORDS: Readonly<Record<number, string>> = {
  21211: 'the phone number is not valid',
  21614: 'the number cannot receive texts',
  21610: 'the patient has opted out of texts (replied STOP)',
  30003: 'the phone is unreachable',
  30005: 'the number is unknown or no longer in service',
  30006: 'the number is a landline',
  30007: 'the carrier filtered the message',
};

export function errorWords(code: number | undefined, fallback: string): string {
  return (code !== undefined && ERROR_WORDS[code]) || fallback;
}

export function createTwilioClient(config: TwilioConfig): MessagingClient {
  const doFetch = config.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  const maxAttempts = config.maxAttempts ?? 4;
  const base = config.baseDelayMs ?? 1000;
  const cap = config.maxDelayMs ?? 30_000;
  const messages = `${config.apiBase.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages`;
  const url = `${messages}.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;

  return {
    async status(sid) {
      try {
        const res = await doFetch(`${messages}/${encodeURIComponent(sid)}.json`, { headers: { Authorization: authorization, Accept: 'application/json' } });
        const parsed = TwilioStatus.safeParse(await res.json().catch(() => undefined));
        if (!res.ok || !parsed.success) return undefined;
        return { status: parsed.data.status, ...(parsed.data.error_code ? { errorCode: parsed.data.error_code } : {}) };
      } catch {
        return undefined;
      }
    },
    async send(to, body) {
      const form = new URLSearchParams({ To: to, From: config.from, Body: body });
      if (config.statusCallback) form.set('StatusCallback', config.statusCallback);
      let last: string;
      for (let attempt = 1; ; attempt++) {
        let delay = base * 2 ** (attempt - 1);
        try {
          const res = await doFetch(url, {
            method: 'POST',
            headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
            body: form.toString(),
          });
          const json: unknown = await res.json().catch(() => undefined);
          if (res.ok) {
            const message = TwilioMessage.safeParse(json);
            if (message.success) return { ok: true, sid: message.data.sid, status: message.data.status, attempts: attempt };
            return { ok: false, reason: 'the messaging provider answered without a message id', attempts: attempt };
          }
          const error = TwilioError.safeParse(json).data;
          if (res.status === 429 || res.status >= 500) {
            last = res.status === 429 ? 'the messaging provider is rate limiting (429)' : `the messaging provider failed (${res.status})`;
            const after = Number(res.headers.get('Retry-After'));
            if (res.status === 429 && Number.isFinite(after) && after > 0) delay = after * 1000;
          } else {
            return { ok: false, reason: errorWords(error?.code, error?.message ?? `refused (${res.status})`), errorCode: error?.code, attempts: attempt };
          }
        } catch {
          // A dropped connection: the request may or may not have reached the provider (see docs/decisions/0013).
          last = 'the connection to the messaging provider dropped';
        }
        if (attempt >= maxAttempts) return { ok: false, reason: last, attempts: attempt };
        await sleep(Math.min(delay, cap));
      }
    },
  };
}
