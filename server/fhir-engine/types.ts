import type { Resource } from '@medplum/fhirtypes';
import type { EngineAuth, HandlerWrapper, NodeHandler } from './contracts';
import type { Change } from './repository';

export type { Change } from './repository';

/** Features that can be switched off at run time, to exercise CareRelay's fallbacks. */
export interface CapabilityToggles {
  transactions: boolean;
  conditionalCreate: boolean;
  include: boolean;
  subscriptions: boolean;
  /** null = every type is writable. */
  writableTypes: string[] | null;
  /** Largest page a search returns, whatever `_count` asks (real servers cap it; the next link carries on). */
  maxCount: number;
  /** null = no cap; else a search whose _include/_revinclude results exceed it is refused with 400. */
  maxIncluded: number | null;
}

export interface FhirServer {
  /** Serves everything under the base path, e.g. /fhir/R4/... (faults applied). */
  handle: NodeHandler;
  /** Bulk-loads seed resources, keeping their ids. */
  load(resources: Resource[]): Promise<void>;
  /** Drops everything, then loads the given resources. */
  reset(resources?: Resource[]): Promise<void>;
  /** Every current resource, for save-to-file. */
  snapshot(): Promise<Resource[]>;
  /** Re-applies changes a durable store kept (ids, versions, timestamps as made); no commit hook. */
  replay(changes: Change[]): Promise<void>;
  /** Stores a resource the server itself writes (e.g. an AuditEvent), past the write guard, through the commit hook. */
  writeSystem<T extends Resource>(resource: T): Promise<T>;
  /** Mutable: switch features off at run time. */
  capabilities: CapabilityToggles;
}

export interface FhirServerOptions {
  /** Absolute, e.g. http://localhost:8080/fhir/R4 */
  baseUrl: string;
  /** null = no auth (tests). */
  auth: EngineAuth | null;
  /** Wraps the handler (the sandbox's fault injection); none = served as is. */
  faults?: HandlerWrapper;
  /** The resource types this server serves (default: the sandbox EHR's); a request for any other gets 400. */
  servedTypes?: readonly string[];
  /** Names this server in its CapabilityStatement. */
  software?: { name: string; description: string };
  /**
   * Makes a request's changes durable before it is answered (the coordination server's journal).
   * Runs inside the engine's lock, once per request that changed something; if it throws, the
   * changes are undone and the request fails. Resources it writes through `system` join `changes`.
   */
  commit?: (changes: Change[], system: SystemWriter) => Promise<void>;
}

/** Writes a server-owned resource in the current request's unit of work. */
export type SystemWriter = <T extends Resource>(resource: T) => Promise<T>;
