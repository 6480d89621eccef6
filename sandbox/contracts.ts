// Contracts between the sandbox's parts. Each part lives in its own folder and
// meets the others only through these types; main.ts wires them together.
import type { AccessContext, FhirInteraction, NodeHandler } from '../server/fhir-engine/contracts';

// The FHIR engine's contracts live with the engine (server/fhir-engine), shared with the coordination server.
export type { AccessContext, FhirInteraction, NodeHandler } from '../server/fhir-engine/contracts';

export interface LaunchContext {
  patient: string;
  encounter?: string;
  fhirUser?: string;
  needPatientBanner?: boolean;
  /** Optional smart_style_url / intent passthrough. */
  intent?: string;
}

export interface AuthServer {
  /** e.g. http://localhost:8080/auth */
  issuer: string;
  /** Handles every request whose path starts with /auth. */
  handle: NodeHandler;
  /** Validates a bearer token (the raw token, no "Bearer "); null if missing, unknown or expired. */
  authenticate(token: string | undefined): Promise<AccessContext | null>;
  /** Whether the granted scopes allow this interaction on this resource type. */
  allows(ctx: AccessContext, interaction: FhirInteraction, resourceType: string): boolean;
  /** Whether a user/ or system/ scope allows it, so the launch patient does not confine it (a patient/ scope alone does). */
  allowsBeyondPatient(ctx: AccessContext, interaction: FhirInteraction, resourceType: string): boolean;
  /** EHR side of an EHR launch: store the context, return the opaque `launch` value. */
  createLaunch(ctx: LaunchContext): string;
  /** Body of {fhirBase}/.well-known/smart-configuration. */
  smartConfiguration(): Record<string, unknown>;
  /** Mint a system token for in-process actors (the vendor simulator, tests) without HTTP. */
  issueSystemToken(clientId: string, scopes: string[]): Promise<string>;
}

/** A minimal FHIR requester over HTTP, used by in-process actors (simulator, EHR UI). */
export interface FhirRequester {
  request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
}

/** Fault rules the FHIR endpoint applies; switched at run time by POST /__sandbox/faults. */
export interface FaultRule {
  /** Which requests: method (or '*'), and a substring or regex source matched against the path+query. */
  method?: string;
  path?: string;
  /**
   * Only requests whose Prefer header contains this (e.g. "return=representation": the
   * app's transactions, not its batch reads and polls, which send none).
   */
  prefer?: string;
  /** What to do. */
  kind: 'latency' | 'status' | 'drop-after-commit' | 'drop-before' | 'malformed-json';
  /** For kind=status: 401, 412, 429, 500, 503... */
  status?: number;
  /** For 429/503: Retry-After seconds. */
  retryAfter?: number;
  /** For kind=latency: milliseconds added. */
  ms?: number;
  /** How many matching requests it applies to (default: unlimited). */
  times?: number;
}
