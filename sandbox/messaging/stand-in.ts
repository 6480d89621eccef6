// A local stand-in for Twilio's Messages API, so the sandbox and the tests send real HTTP
// the way production does: POST /2010-04-01/Accounts/{AccountSid}/Messages.json (Basic auth,
// form-encoded), a JSON Message back, then signed status callbacks (sent → delivered, or
// undelivered with an ErrorCode). Its phone-like inbox (/inbox/<number>) shows what each
// patient's phone received, and replying there posts to CareRelay's inbound webhook as
// Twilio does (form-encoded, X-Twilio-Signature). Fault switches make 429, 500, dropped
// connections and undeliverable numbers on demand.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { twilioSignature } from '../../server/messaging/signature';
import { inboxPage, inboxIndex } from './inbox-page';

/** The stand-in's credentials and number: development values, accepted by the stand-in only. */
export const SANDBOX_SMS = {
  accountSid: 'AC00000000000000000000000000sandbox',
  authToken: 'sandbox-development-token',
  from: '+16145550199',
} as const;

export type FaultKind = '429' | '500' | 'drop' | 'undelivered';
export interface StandInFault { kind: FaultKind; times: number }

export interface StoredMessage {
  sid: string;
  direction: 'outbound-api' | 'inbound';
  to: string;
  from: string;
  body: string;
  status: string;
  errorCode?: number;
  dateCreated: string;
  statusCallback?: string;
}

export interface SmsStandInOptions {
  port: number;
  host?: string;
  /** CareRelay's inbound webhook (where replies are posted). */
  inboundUrl?: string;
  /** How long "sent" and "delivered" take (default 200 ms each). */
  stepMs?: number;
}

export interface SmsStandIn {
  url: string;
  messages: StoredMessage[];
  faults: StandInFault[];
  reply(from: string, body: string): Promise<number>;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;
/** Twilio's magic test number that is never valid. */
const INVALID_TEST_NUMBER = '+15005550001';

export async function startSmsStandIn(o: SmsStandInOptions): Promise<SmsStandIn> {
  const host = o.host ?? 'localhost';
  const url = `http://${host}:${o.port}`;
  const messages: StoredMessage[] = [];
  const faults: StandInFault[] = [];
  const stopped = new Set<string>();
  const step = o.stepMs ?? 200;
  const sid = () => `SM${randomBytes(16).toString('hex')}`;

  const takeFault = (kinds: FaultKind[]): FaultKind | undefined => {
    const f = faults.find((x) => kinds.includes(x.kind) && x.times > 0);
    if (!f) return undefined;
    f.times -= 1;
    return f.kind;
  };

  async function post(target: string, params: URLSearchParams): Promise<number> {
    const res = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilioSignature(SANDBOX_SMS.authToken, target, params) },
      body: params.toString(),
    });
    await res.text();
    return res.status;
  }

  /** One callback at a time per message, each after the last was answered (the test's order stays sent → delivered). */
  async function callback(m: StoredMessage): Promise<void> {
    if (!m.statusCallback) return;
    const params = new URLSearchParams({
      MessageSid: m.sid, SmsSid: m.sid, MessageStatus: m.status, SmsStatus: m.status,
      AccountSid: SANDBOX_SMS.accountSid, From: m.from, To: m.to, ApiVersion: '2010-04-01',
      ...(m.errorCode ? { ErrorCode: String(m.errorCode) } : {}),
    });
    await post(m.statusCallback, params).catch((e: unknown) => console.error('sms stand-in: status callback failed:', e instanceof Error ? e.message : e));
  }

  function progress(m: StoredMessage, undeliverable: boolean): void {
    setTimeout(() => {
      m.status = 'sent';
      void callback(m).then(() => setTimeout(() => {
        m.status = undeliverable ? 'undelivered' : 'delivered';
        if (undeliverable) m.errorCode = 30003;
        void callback(m);
      }, step));
    }, step);
  }

  async function create(req: IncomingMessage, res: ServerResponse, account: string): Promise<void> {
    const expected = `Basic ${Buffer.from(`${SANDBOX_SMS.accountSid}:${SANDBOX_SMS.authToken}`).toString('base64')}`;
    if (account !== SANDBOX_SMS.accountSid || req.headers.authorization !== expected) {
      return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    }
    const fault = takeFault(['429', '500', 'drop']);
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === '429') return json(res, 429, { code: 20429, message: 'Too Many Requests', status: 429 }, { 'Retry-After': '1' });
    if (fault === '500') return json(res, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
    const form = new URLSearchParams(await readBody(req));
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    if (!E164.test(to) || to === INVALID_TEST_NUMBER) {
      return json(res, 400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
    }
    if (stopped.has(to)) return json(res, 400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 });
    if (!body) return json(res, 400, { code: 21602, message: 'Message body is required.', status: 400 });
    const m: StoredMessage = {
      sid: sid(), direction: 'outbound-api', to, from: form.get('From') ?? SANDBOX_SMS.from, body, status: 'queued',
      dateCreated: new Date().toUTCString(), ...(form.get('StatusCallback') ? { statusCallback: form.get('StatusCallback') ?? '' } : {}),
    };
    messages.push(m);
    json(res, 201, { sid: m.sid, account_sid: SANDBOX_SMS.accountSid, to: m.to, from: m.from, body: m.body, status: m.status, direction: m.direction, date_created: m.dateCreated, error_code: null, error_message: null, api_version: '2010-04-01', uri: `/2010-04-01/Accounts/${SANDBOX_SMS.accountSid}/Messages/${m.sid}.json` });
    progress(m, takeFault(['undelivered']) === 'undelivered');
  }

  /** A patient's reply: stored, Twilio's opt-out keywords applied, posted to CareRelay's inbound webhook. */
  async function reply(from: string, body: string): Promise<number> {
    const m: StoredMessage = { sid: sid(), direction: 'inbound', to: SANDBOX_SMS.from, from, body, status: 'received', dateCreated: new Date().toUTCString() };
    messages.push(m);
    const word = body.trim().toUpperCase();
    if (['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].includes(word)) stopped.add(from);
    if (['START', 'UNSTOP'].includes(word)) stopped.delete(from);
    if (!o.inboundUrl) return 0;
    return post(o.inboundUrl, new URLSearchParams({
      MessageSid: m.sid, SmsSid: m.sid, SmsMessageSid: m.sid, AccountSid: SANDBOX_SMS.accountSid,
      From: from, To: SANDBOX_SMS.from, Body: body, NumMedia: '0', NumSegments: '1', ApiVersion: '2010-04-01',
    }));
  }

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', url);
    const create_ = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(u.pathname);
    if (create_ && req.method === 'POST') return create(req, res, decodeURIComponent(create_[1] ?? ''));
    const one = /^\/2010-04-01\/Accounts\/[^/]+\/Messages\/([^/]+)\.json$/.exec(u.pathname);
    if (one && req.method === 'GET') {
      const m = messages.find((x) => x.sid === one[1]);
      return m ? json(res, 200, { sid: m.sid, status: m.status, to: m.to, from: m.from, body: m.body, error_code: m.errorCode ?? null }) : json(res, 404, { code: 20404, message: 'Not found', status: 404 });
    }
    if (u.pathname === '/' || u.pathname === '/inbox') return html(res, 200, inboxIndex(numbersOf(messages)));
    const inbox = /^\/inbox\/\+?(\d{7,15})(\/messages\.json|\/reply)?$/.exec(u.pathname);
    if (inbox) {
      const number = `+${inbox[1] ?? ''}`;
      const mine = messages.filter((m) => m.to === number || m.from === number);
      if (inbox[2] === '/messages.json') return json(res, 200, mine.map(({ direction, body, status, dateCreated }) => ({ direction, body, status, dateCreated })));
      if (inbox[2] === '/reply' && req.method === 'POST') {
        const text = new URLSearchParams(await readBody(req)).get('Body')?.trim() ?? '';
        if (text) await reply(number, text);
        return void res.writeHead(303, { Location: `/inbox/${inbox[1] ?? ''}` }).end();
      }
      return html(res, 200, inboxPage(number, mine));
    }
    if (u.pathname === '/__standin/faults' && req.method === 'POST') {
      const list = JSON.parse(await readBody(req)) as StandInFault[];
      faults.splice(0, faults.length, ...list);
      return json(res, 200, faults);
    }
    if (u.pathname === '/__standin/messages') return json(res, 200, messages.filter((m) => !u.searchParams.get('to') || m.to === u.searchParams.get('to') || m.from === u.searchParams.get('to')));
    json(res, 404, { code: 20404, message: 'Not found', status: 404 });
  };

  const server = await listen((req, res) => {
    handler(req, res).catch((e: unknown) => {
      console.error('sms stand-in:', e instanceof Error ? e.message : e);
      if (!res.headersSent) json(res, 500, { code: 20500, message: 'Stand-in error', status: 500 });
    });
  }, o.port, host);
  return {
    url, messages, faults, reply,
    close: () => {
      server.closeAllConnections();
      return new Promise((ok) => server.close(() => ok()));
    },
  };
}

function numbersOf(messages: StoredMessage[]): string[] {
  return [...new Set(messages.map((m) => (m.direction === 'inbound' ? m.from : m.to)))].sort();
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, port: number, host: string): Promise<Server> {
  return new Promise((ok, fail) => {
    const server = createServer(handler);
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}
