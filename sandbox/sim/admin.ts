// /__sandbox/sim: lets tests and the EHR UI drive the simulator over HTTP.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeHandler } from '../contracts';
import { SimScriptSchema } from './scripts';
import type { SimAction, SimScript } from './types';

export interface AdminTarget {
  mode: 'auto' | 'step';
  running(): boolean;
  step(): Promise<SimAction[]>;
  script(rule: SimScript): void;
  clearScripts(): void;
  pending(): unknown;
  /** The simulator's clock (the sandbox clock, possibly sped up). */
  now?: () => Date;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export function createAdminHandler(sim: AdminTarget): NodeHandler {
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname.replace(/^.*\/__sandbox\/sim/, '').replace(/\/$/, '');
    try {
      if (req.method === 'GET' && path === '') {
        return send(res, 200, { mode: sim.mode, running: sim.running(), scripts: sim.pending(), ...(sim.now ? { now: sim.now().toISOString() } : {}) });
      }
      if (req.method === 'POST' && path === '/step') return send(res, 200, { actions: await sim.step() });
      if (req.method === 'POST' && path === '/script') {
        const parsed = SimScriptSchema.safeParse(await readJson(req));
        if (!parsed.success) return send(res, 400, { error: 'Invalid SimScript', issues: parsed.error.issues });
        sim.script(parsed.data);
        return send(res, 201, { scripts: sim.pending() });
      }
      if (req.method === 'DELETE' && path === '/script') {
        sim.clearScripts();
        return send(res, 200, { scripts: sim.pending() });
      }
      return send(res, 404, { error: `No simulator route ${req.method} ${path || '/'}` });
    } catch (err) {
      const status = err instanceof SyntaxError ? 400 : 500;
      return send(res, status, { error: err instanceof Error ? err.message : String(err) });
    }
  };
}
