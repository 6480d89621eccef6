// The adapter against the stand-in over real HTTP: what the provider receives, how 429 / 500 /
// dropped connections are retried (and for how long), and which refusals are final.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_SMS, startSmsStandIn, type SmsStandIn } from '../../sandbox/messaging/stand-in';
import { createTwilioClient, type TwilioConfig } from './twilio-client';

let standIn: SmsStandIn;
beforeAll(async () => {
  standIn = await startSmsStandIn({ port: 8491, stepMs: 5 });
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.faults.splice(0);
});

function client(overrides: Partial<TwilioConfig> = {}) {
  const waits: number[] = [];
  const c = createTwilioClient({
    apiBase: standIn.url, accountSid: SANDBOX_SMS.accountSid, authToken: SANDBOX_SMS.authToken, from: SANDBOX_SMS.from,
    baseDelayMs: 100, sleep: async (ms) => void waits.push(ms), ...overrides,
  });
  return { c, waits };
}

describe('Twilio Messages API adapter', () => {
  it('sends To / From / Body with Basic auth and returns the provider sid and status', async () => {
    const { c } = client();
    const result = await c.send('+16145550101', 'Your ride home is booked.');
    expect(result).toMatchObject({ ok: true, status: 'queued', attempts: 1, sid: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    expect(standIn.messages.find((m) => result.ok && m.sid === result.sid)).toMatchObject({ to: '+16145550101', from: SANDBOX_SMS.from, body: 'Your ride home is booked.' });
  });

  it('429: waits what Retry-After says, then sends', async () => {
    standIn.faults.push({ kind: '429', times: 2 });
    const { c, waits } = client();
    const result = await c.send('+16145550102', 'hello');
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(waits).toEqual([1000, 1000]);
  });

  it('500 on every attempt: backs off (100, 200, 400 ms), then says not delivered and why', async () => {
    standIn.faults.push({ kind: '500', times: 10 });
    const before = standIn.messages.length;
    const { c, waits } = client();
    expect(await c.send('+16145550103', 'hello')).toEqual({ ok: false, reason: 'the messaging provider failed (500)', attempts: 4 });
    expect(waits).toEqual([100, 200, 400]);
    expect(standIn.messages.length).toBe(before);
  });

  it('a dropped connection is retried', async () => {
    standIn.faults.push({ kind: 'drop', times: 1 });
    const { c, waits } = client();
    expect(await c.send('+16145550104', 'hello')).toMatchObject({ ok: true, attempts: 2 });
    expect(waits).toEqual([100]);
  });

  it('an invalid number and wrong credentials are final: no retry', async () => {
    const { c, waits } = client();
    expect(await c.send('+15005550001', 'hello')).toEqual({ ok: false, reason: 'the phone number is not valid', errorCode: 21211, attempts: 1 });
    const wrong = client({ authToken: 'not-the-token' });
    expect(await wrong.c.send('+16145550105', 'hello')).toMatchObject({ ok: false, errorCode: 20003, attempts: 1 });
    expect([...waits, ...wrong.waits]).toEqual([]);
  });

  it('after the patient replies STOP, the provider refuses: "opted out", not retried', async () => {
    await standIn.reply('+16145550106', 'STOP');
    const { c } = client();
    expect(await c.send('+16145550106', 'hello')).toEqual({ ok: false, reason: 'the patient has opted out of texts (replied STOP)', errorCode: 21610, attempts: 1 });
    await standIn.reply('+16145550106', 'START');
    expect(await c.send('+16145550106', 'hello')).toMatchObject({ ok: true });
  });

  it('the status callback reaches the webhook signed, queued → sent → delivered (or undelivered with its ErrorCode)', async () => {
    const { createServer } = await import('node:http');
    const seen: URLSearchParams[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += String(c)));
      req.on('end', () => {
        seen.push(new URLSearchParams(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ok) => hook.listen(8492, 'localhost', () => ok()));
    try {
      const { c } = client({ statusCallback: 'http://localhost:8492/status' });
      await c.send('+16145550107', 'one');
      standIn.faults.push({ kind: 'undelivered', times: 1 });
      await c.send('+16145550108', 'two');
      await expect.poll(() => seen.length).toBe(4);
      const of = (to: string) => seen.filter((p) => p.get('To') === to).map((p) => `${p.get('MessageStatus') ?? ''}${p.get('ErrorCode') ? ` ${p.get('ErrorCode') ?? ''}` : ''}`);
      expect(of('+16145550107')).toEqual(['sent', 'delivered']);
      expect(of('+16145550108')).toEqual(['sent', 'undelivered 30003']);
    } finally {
      await new Promise((ok) => hook.close(ok));
    }
  });
});
