import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeHandler } from '../contracts';

export interface CapturedResponse {
  status: number;
  body: Buffer;
  /** Puts the real writeHead/write/end back, so the caller can answer for real. */
  release(): void;
}

function toBuffer(chunk: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return undefined;
}

/**
 * Runs the handler to completion (so any write it makes is committed) while
 * holding back everything it tries to send. Headers set with setHeader stay on
 * `res`; headers passed to writeHead are copied onto it.
 */
export async function runCaptured(handler: NodeHandler, req: IncomingMessage, res: ServerResponse): Promise<CapturedResponse> {
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  const chunks: Buffer[] = [];
  let headStatus: number | undefined;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  res.once('close', () => finish());

  res.writeHead = ((code: number, ...rest: unknown[]) => {
    headStatus = code;
    const headers = rest.find((h): h is Record<string, string> => typeof h === 'object' && h !== null && !Array.isArray(h));
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    return res;
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown) => {
    const buf = toBuffer(chunk);
    if (buf) chunks.push(buf);
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: unknown) => {
    const buf = toBuffer(chunk);
    if (buf) chunks.push(buf);
    finish();
    return res;
  }) as ServerResponse['end'];

  await handler(req, res);
  await finished;
  return {
    status: headStatus ?? res.statusCode,
    body: Buffer.concat(chunks),
    release: () => Object.assign(res, original),
  };
}
