import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, forbidden, isOk, normalizeOperationOutcome, notFound, OperationOutcomeError } from '@medplum/core';
import type { FhirRouter, HttpMethod } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { EngineAuth, NodeHandler } from './contracts';
import { isForeign } from './access';
import { buildCapabilityStatement } from './capability-statement';
import type { Caller } from './guard';
import { authenticate, authorize, checkCapabilities, checkServed, UnauthenticatedError } from './guard';
import { answerPreflight, applyCors, parseJson, readBody, sendJson, sendOutcome } from './http-io';
import type { SandboxRepository } from './repository';
import { decorateBatchResponse, decorateHistory, sendWriteResult, versionHeaders } from './response';
import { searchType } from './search';
import type { CapabilityToggles } from './types';

export interface HandlerDeps {
  baseUrl: string;
  repo: SandboxRepository;
  router: FhirRouter;
  auth: EngineAuth | null;
  toggles: CapabilityToggles;
  /** Serialises engine work so transactions are isolated. */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** Default: the sandbox EHR's types (capability-statement.ts). */
  servedTypes?: readonly string[];
  software?: { name: string; description: string };
}

interface Parsed {
  method: HttpMethod;
  segments: string[];
  query: URLSearchParams;
  body: unknown;
}

const METHODS = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function createFhirHandler(deps: HandlerDeps): NodeHandler {
  const basePath = new URL(deps.baseUrl).pathname.replace(/\/$/, '');
  return async (req, res) => {
    try {
      applyCors(req, res);
      if (req.method === 'OPTIONS') return answerPreflight(req, res);
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      if (url.pathname !== basePath && !url.pathname.startsWith(basePath + '/')) return sendOutcome(res, notFound);
      const segments = url.pathname.slice(basePath.length).split('/').filter(Boolean).map(decodeURIComponent);
      if (req.method === 'GET' && segments.join('/') === 'metadata') {
        return sendJson(res, 200, buildCapabilityStatement(deps.baseUrl, deps.toggles, deps.auth, deps.servedTypes, deps.software));
      }
      if (req.method === 'GET' && segments.join('/') === '.well-known/smart-configuration') {
        return deps.auth ? sendJson(res, 200, deps.auth.smartConfiguration(), { 'Content-Type': 'application/json' }) : sendOutcome(res, notFound);
      }
      const method = (req.method ?? 'GET') as HttpMethod;
      if (!METHODS.has(method)) throw new OperationOutcomeError(badRequest(`Unsupported method ${method}`));
      const caller = await authenticate(deps.auth, req, deps.baseUrl);
      const parsed = await parseRequest(req, method, segments, url.searchParams);
      authorize(deps.auth, caller, method, segments, parsed.query, parsed.body);
      checkCapabilities(deps.toggles, req, segments, parsed.body);
      if (deps.servedTypes) checkServed(deps.servedTypes, method, segments, parsed.query, parsed.body);
      await deps.exclusive(() => dispatch(deps, req, res, parsed, caller));
    } catch (err) {
      sendError(res, err);
    }
  };
}

async function parseRequest(req: IncomingMessage, method: HttpMethod, segments: string[], query: URLSearchParams): Promise<Parsed> {
  if (method === 'GET' || method === 'DELETE') return { method, segments, query, body: undefined };
  const text = await readBody(req);
  if (segments[1] === '_search') {
    // POST _search carries its parameters form-encoded; merge them with the URL's.
    const merged = new URLSearchParams(query);
    for (const [k, v] of new URLSearchParams(text)) merged.append(k, v);
    return { method, segments, query: merged, body: undefined };
  }
  const body = parseJson(text);
  if (typeof body !== 'object' || body === null) throw new OperationOutcomeError(badRequest('Request body must be a JSON object'));
  return { method, segments, query, body };
}

async function dispatch(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, p: Parsed, caller: Caller): Promise<void> {
  const [type, second, third] = p.segments;
  if (type && (p.method === 'GET' && !second || p.method === 'POST' && second === '_search')) {
    const bundle = await searchType(deps.repo, type, p.query, {
      baseUrl: deps.baseUrl,
      includeEnabled: deps.toggles.include,
      maxCount: deps.toggles.maxCount,
      maxIncluded: deps.toggles.maxIncluded,
      patient: caller.patient,
    });
    return sendJson(res, 200, bundle);
  }
  const path = p.segments.map(encodeURIComponent).join('/');
  const search = p.query.toString();
  const [outcome, resource] = await deps.router.handleRequest({
    method: p.method,
    url: search ? `${path}?${search}` : path,
    pathname: '',
    params: {},
    query: {},
    body: p.body,
    headers: req.headers,
    config: { transactions: deps.toggles.transactions },
  }, deps.repo);
  if (!isOk(outcome)) return sendOutcome(res, outcome);
  if (!resource) return sendJson(res, 200, outcome);
  if (!type) return sendJson(res, 200, decorateBatchResponse(deps.baseUrl, resource as Bundle));
  if (third === '_history' && p.segments.length === 3) {
    const history = resource as Bundle;
    const current = history.entry?.[0]?.resource;
    if (current && isForeign(current, caller.patient)) throw new OperationOutcomeError(forbidden);
    return sendJson(res, 200, decorateHistory(deps.baseUrl, history));
  }
  if (p.method === 'GET') {
    if (isForeign(resource, caller.patient)) throw new OperationOutcomeError(forbidden);
    return sendJson(res, 200, resource, versionHeaders(deps.baseUrl, resource as Resource));
  }
  return sendWriteResult(req, res, deps.baseUrl, outcome, resource);
}

function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof UnauthenticatedError) {
    return sendOutcome(res, err.outcome, { 'WWW-Authenticate': err.challenge });
  }
  sendOutcome(res, normalizeOperationOutcome(err));
}
