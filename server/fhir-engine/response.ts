import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOk } from '@medplum/core';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { sendJson, statusOf } from './http-io';

export type ReturnPreference = 'minimal' | 'representation' | 'OperationOutcome';

export function returnPreference(req: IncomingMessage): ReturnPreference {
  const match = /return=(minimal|representation|OperationOutcome)/.exec(String(req.headers.prefer ?? ''));
  return (match?.[1] as ReturnPreference | undefined) ?? 'representation';
}

export function etagOf(resource: Resource): string | undefined {
  return resource.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined;
}

/** Headers that describe one stored version: ETag, Last-Modified, and where it lives. */
export function versionHeaders(baseUrl: string, resource: Resource): Record<string, string> {
  const headers: Record<string, string> = {};
  const etag = etagOf(resource);
  if (etag) headers.ETag = etag;
  if (resource.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  if (resource.id && resource.meta?.versionId) {
    headers['Content-Location'] = `${baseUrl}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
  }
  return headers;
}

/** Sends a write's result, honouring Prefer: return=... */
export function sendWriteResult(
  req: IncomingMessage,
  res: ServerResponse,
  baseUrl: string,
  outcome: OperationOutcome,
  resource: Resource,
): void {
  const headers = versionHeaders(baseUrl, resource);
  const status = statusOf(outcome);
  if (status === 201 && headers['Content-Location']) headers.Location = headers['Content-Location'];
  const preference = returnPreference(req);
  if (preference === 'minimal') {
    res.writeHead(status, headers).end();
  } else if (preference === 'OperationOutcome') {
    sendJson(res, status, outcome, headers);
  } else {
    sendJson(res, status, resource, headers);
  }
}

/** Fills in what clients of a batch/transaction response rely on: absolute fullUrl, versioned location, etag. */
export function decorateBatchResponse(baseUrl: string, bundle: Bundle): Bundle {
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!resource?.id || !entry.response || !isOk(entry.response.outcome ?? { resourceType: 'OperationOutcome', issue: [] })) continue;
    entry.fullUrl = `${baseUrl}/${resource.resourceType}/${resource.id}`;
    const vid = resource.meta?.versionId;
    if (vid) {
      entry.response.etag = `W/"${vid}"`;
      entry.response.location = `${resource.resourceType}/${resource.id}/_history/${vid}`;
    }
    if (resource.meta?.lastUpdated) entry.response.lastModified = resource.meta.lastUpdated;
  }
  return bundle;
}

export function decorateHistory(baseUrl: string, bundle: Bundle): Bundle {
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource;
    if (r?.id) entry.fullUrl = `${baseUrl}/${r.resourceType}/${r.id}/_history/${r.meta?.versionId ?? ''}`;
  }
  return bundle;
}
