// CareRelay's two messaging webhooks, as the provider calls them (form-encoded, signed with
// X-Twilio-Signature): status callbacks move a text's Communication along (delivered →
// completed, which turns "patient notified" green; failed / undelivered → not-done with the
// reason); inbound texts are recorded as the patient's reply on the booking and acted on:
// YES → the Appointment's patient participant accepted; CHANGE → a step on the discharge
// nurse's worklist with the patient's words; STOP → no more texts. Mount under any Node server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FhirApi } from '../../shared/fhir/api';
import { validTwilioSignature } from './signature';
import { applyReply } from './replies';
import { applyStatus } from './status';

export interface WebhookOptions {
  api: FhirApi;
  authToken: string;
  /** The public URL these handlers are reached at, e.g. https://carerelay.example.org/messaging (signatures cover it). */
  publicBase: string;
  now?: () => Date;
  log?: (line: string) => void;
}

export const STATUS_PATH = '/status';
export const INBOUND_PATH = '/inbound';

export function createMessagingWebhooks(o: WebhookOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const base = new URL(o.publicBase);
  const now = o.now ?? (() => new Date());
  const log = o.log ?? ((line: string) => console.log(line));
  return async (req, res) => {
    const path = new URL(req.url ?? '/', base).pathname;
    const which = path === `${base.pathname.replace(/\/$/, '')}${STATUS_PATH}` ? 'status' : path === `${base.pathname.replace(/\/$/, '')}${INBOUND_PATH}` ? 'inbound' : undefined;
    if (!which || req.method !== 'POST') return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    const params = new URLSearchParams(await readBody(req));
    const url = `${o.publicBase.replace(/\/$/, '')}${which === 'status' ? STATUS_PATH : INBOUND_PATH}`;
    const signature = req.headers['x-twilio-signature'];
    if (!validTwilioSignature(o.authToken, url, params, Array.isArray(signature) ? signature[0] : signature)) {
      log('messaging webhook: refused a request without a valid X-Twilio-Signature');
      return void res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Invalid signature');
    }
    if (which === 'status') {
      const outcome = await applyStatus(o.api, params, now());
      // Ids and statuses only: never the number or the words.
      log(`messaging: ${params.get('MessageSid') ?? '?'} ${params.get('MessageStatus') ?? '?'} ${outcome}`);
      return void res.writeHead(outcome === 'unknown' ? 404 : 204).end();
    }
    const outcome = await applyReply(o.api, params, now());
    log(`messaging: reply ${params.get('MessageSid') ?? '?'} ${outcome}`);
    res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}
