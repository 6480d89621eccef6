import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultRule, NodeHandler } from '../contracts';
import { runCaptured } from './capture';
import { InvalidFaultRulesError, parseFaultRules, ruleMatches } from './fault-rules';

export interface FaultController {
  set(rules: FaultRule[]): void;
  add(rule: FaultRule): void;
  clear(): void;
  /** Current rules; `times` shows what is left. */
  list(): FaultRule[];
  /** GET lists, POST replaces (or appends with ?mode=add), DELETE clears. Body: FaultRule or FaultRule[]. */
  handleAdmin: NodeHandler;
  /** Applies the rules in front of a handler. */
  wrap(handler: NodeHandler): NodeHandler;
}

interface Plan {
  latencyMs: number;
  action: FaultRule | undefined;
}

const JSON_TYPE = 'application/fhir+json; charset=utf-8';

function outcome(code: string, text: string): string {
  return JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] });
}

/** Fault answers must stay readable by browser apps, or a 429 would look like a network error. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Retry-After, WWW-Authenticate, ETag, Location', Vary: 'Origin' }
    : {};
}

function sendStatusFault(req: IncomingMessage, res: ServerResponse, rule: FaultRule): void {
  const status = rule.status ?? 500;
  const headers: Record<string, string> = { 'Content-Type': JSON_TYPE, ...corsHeaders(req) };
  let body = outcome(status >= 500 ? 'transient' : 'processing', `Injected fault: HTTP ${status}`);
  if (status === 401) {
    headers['WWW-Authenticate'] = 'Bearer error="invalid_token", error_description="The access token expired"';
    body = outcome('expired', 'The access token expired');
  }
  if (status === 412) body = outcome('conflict', 'Precondition Failed (injected)');
  if (status === 429 || status === 503 || rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter ?? 1);
  res.writeHead(status, headers).end(body);
}

/** Cuts a JSON body in half and appends junk: unparseable, but starts like the real thing. */
function corrupt(body: Buffer): string {
  const text = body.toString('utf8') || '{"resourceType":"Bundle","entry":[';
  return `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}\u0000<<truncated`;
}

export function createFaultController(initial: FaultRule[] = []): FaultController {
  let rules: FaultRule[] = parseFaultRules(initial).map((r) => ({ ...r }));

  function consume(rule: FaultRule): void {
    if (rule.times === undefined) return;
    rule.times -= 1;
    if (rule.times <= 0) rules = rules.filter((r) => r !== rule);
  }

  function plan(method: string, url: string, prefer?: string): Plan {
    let latencyMs = 0;
    let action: FaultRule | undefined;
    for (const rule of [...rules]) {
      if (!ruleMatches(rule, method, url, prefer)) continue;
      if (rule.kind === 'latency') {
        latencyMs += rule.ms ?? 0;
        consume(rule);
      } else if (!action) {
        action = { ...rule };
        consume(rule);
      }
    }
    return { latencyMs, action };
  }

  const wrap = (handler: NodeHandler): NodeHandler => async (req, res) => {
    // Preflights are answered by the browser's machinery, not the app: never fault them.
    if (req.method === 'OPTIONS') return handler(req, res);
    const prefer = req.headers.prefer;
    const { latencyMs, action } = plan(req.method ?? 'GET', req.url ?? '/', Array.isArray(prefer) ? prefer.join(',') : prefer);
    if (latencyMs > 0) await sleep(latencyMs);
    switch (action?.kind) {
      case undefined:
      case 'latency':
        return handler(req, res);
      case 'status':
        return sendStatusFault(req, res, action);
      case 'drop-before':
        req.socket.destroy();
        return;
      case 'drop-after-commit': {
        await runCaptured(handler, req, res);
        req.socket.destroy();
        return;
      }
      case 'malformed-json': {
        const captured = await runCaptured(handler, req, res);
        captured.release();
        res.writeHead(200, { 'Content-Type': JSON_TYPE, ...corsHeaders(req) }).end(corrupt(captured.body));
        return;
      }
    }
  };

  const controller: FaultController = {
    set: (next) => {
      rules = parseFaultRules(next).map((r) => ({ ...r }));
    },
    add: (rule) => {
      rules = [...rules, ...parseFaultRules(rule)];
    },
    clear: () => {
      rules = [];
    },
    list: () => rules.map((r) => ({ ...r })),
    wrap,
    handleAdmin: (req, res) => handleAdmin(controller, req, res),
  };
  return controller;
}

async function handleAdmin(controller: FaultController, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...corsHeaders(req) };
  const reply = (status: number, body: string): void => void res.writeHead(status, headers).end(body);
  try {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...headers, 'Access-Control-Allow-Methods': 'GET, POST, DELETE', 'Access-Control-Allow-Headers': 'Content-Type' }).end();
      return;
    }
    if (req.method === 'DELETE') controller.clear();
    else if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const rules = parseFaultRules(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      const append = new URL(req.url ?? '/', 'http://x').searchParams.get('mode') === 'add';
      if (append) rules.forEach((r) => controller.add(r));
      else controller.set(rules);
    } else if (req.method !== 'GET') return reply(405, outcome('not-supported', 'Use GET, POST or DELETE'));
    reply(200, JSON.stringify(controller.list()));
  } catch (err) {
    const text = err instanceof InvalidFaultRulesError ? err.message : err instanceof SyntaxError ? 'Body is not valid JSON' : String(err);
    reply(400, outcome('invalid', text));
  }
}
