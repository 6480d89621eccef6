import type { Resource } from '@medplum/fhirtypes';
import type { EngineAuth, HandlerWrapper, NodeHandler } from './contracts';
import type { DurableServer, EngineExtras } from './extras';

export type { Change, SystemWriter } from './extras';

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

export interface FhirServer extends DurableServer {
  /** Serves everything under the base path, e.g. /fhir/R4/... (faults applied). */
  handle: NodeHandler;
  /** Bulk-loads seed resources, keeping their ids. */
  load(resources: Resource[]): Promise<void>;
  /** Drops everything, then loads the given resources. */
  reset(resources?: Resource[]): Promise<void>;
  /** Every current resource, for save-to-file. */
  snapshot(): Promise<Resource[]>;
  /** Mutable: switch features off at run time. */
  capabilities: CapabilityToggles;
}

export interface FhirServerOptions extends EngineExtras {
  /** Absolute, e.g. http://localhost:8080/fhir/R4 */
  baseUrl: string;
  /** null = no auth (tests). */
  auth: EngineAuth | null;
  /** Wraps the handler (the sandbox's fault injection); none = served as is. */
  faults?: HandlerWrapper;
}
