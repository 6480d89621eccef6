import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, getStatus, OperationOutcomeError } from '@medplum/core';
import type { OperationOutcome } from '@medplum/fhirtypes';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const ALLOWED_HEADERS = 'Authorization, Content-Type, If-Match, If-None-Exist, If-None-Match, Prefer, Accept';
const EXPOSED_HEADERS = 'ETag, Location, Content-Location, Last-Modified, Retry-After, WWW-Authenticate';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/** Reflects the caller's Origin: the sandbox serves any app, and never with cookies. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res);
  res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
  res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204).end();
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new OperationOutcomeError(badRequest('Request body too large'));
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OperationOutcomeError(badRequest('Request body is not valid JSON'));
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/** Outcome ids this server uses beyond @medplum/core's, with their HTTP status. */
export const READ_ONLY_TYPE = 'read-only-type';

export function statusOf(outcome: OperationOutcome): number {
  return outcome.id === READ_ONLY_TYPE ? 405 : getStatus(outcome);
}

export function sendOutcome(res: ServerResponse, outcome: OperationOutcome, headers: Record<string, string> = {}): void {
  sendJson(res, statusOf(outcome), outcome, headers);
}

/** An OperationOutcome with a specific status, for errors @medplum/core has no constant for. */
export function outcomeOf(
  code: NonNullable<OperationOutcome['issue']>[number]['code'],
  text: string,
  id?: string,
): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    ...(id ? { id } : {}),
    issue: [{ severity: 'error', code, details: { text } }],
  };
}
