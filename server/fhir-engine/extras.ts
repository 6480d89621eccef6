// What the coordination server adds to the engine's options and server: the resource
// types it serves, its name, and the durability hook (decision 0010).
import type { Resource } from '@medplum/fhirtypes';
import type { Change } from './repository';

export type { Change } from './repository';

/** Writes a server-owned resource in the current request's unit of work. */
export type SystemWriter = <T extends Resource>(resource: T) => Promise<T>;

export interface EngineExtras {
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

export interface DurableServer {
  /** Re-applies changes a durable store kept (ids, versions, timestamps as made); no commit hook. */
  replay(changes: Change[]): Promise<void>;
  /** Stores a resource the server itself writes (e.g. an AuditEvent), past the write guard, through the commit hook. */
  writeSystem<T extends Resource>(resource: T): Promise<T>;
}
