// What the FHIR engine needs from its host: an HTTP handler shape and, when the
// host checks bearer tokens, an authorization server. The sandbox EHR and the
// coordination server each supply their own.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What a valid bearer token grants, as the FHIR server needs it. */
export interface AccessContext {
  clientId: string;
  /** Granted scopes, space-split (SMART v1 and v2 forms both possible). */
  scopes: string[];
  /** Launch context, when the token carries one. */
  patient?: string;
  encounter?: string;
  /** e.g. "Practitioner/abc" */
  fhirUser?: string;
  /** Token expiry, epoch seconds. */
  expiresAt?: number;
}

export type FhirInteraction = 'create' | 'read' | 'update' | 'delete' | 'search';

/** The part of an authorization server the engine calls. */
export interface EngineAuth {
  /** Validates a bearer token (the raw token, no "Bearer "); null if missing, unknown or expired. */
  authenticate(token: string | undefined): Promise<AccessContext | null>;
  /** Whether the granted scopes allow this interaction on this resource type. */
  allows(ctx: AccessContext, interaction: FhirInteraction, resourceType: string): boolean;
  /** Whether a user/ or system/ scope allows it, so the launch patient does not confine it (a patient/ scope alone does). */
  allowsBeyondPatient(ctx: AccessContext, interaction: FhirInteraction, resourceType: string): boolean;
  /** Body of {fhirBase}/.well-known/smart-configuration. */
  smartConfiguration(): Record<string, unknown>;
}

/** Wraps the FHIR handler (the sandbox's fault injection); identity when absent. */
export interface HandlerWrapper {
  wrap(handler: NodeHandler): NodeHandler;
}
