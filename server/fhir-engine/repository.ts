import type { SearchRequest, WithId } from '@medplum/core';
import { allOk, badRequest, created, multipleMatches, notFound, OperationOutcomeError, validateResource } from '@medplum/core';
import type { CreateResourceOptions, DeleteResourceOptions } from '@medplum/fhir-router';
import { getExtraEntries, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { canUseIndex, searchCandidates } from './indexed-search';
import { referenceTargetIssues } from './reference-targets';
import { SearchIndex } from './search-index';

/** Decides whether a write is allowed at all (capability toggles); throws OperationOutcomeError if not. */
export type WriteGuard = (resourceType: string, action: 'create' | 'update' | 'delete') => void;

interface JournalEntry {
  key: string;
  /** The current version before the write; undefined when the write created it. */
  prior: Resource | undefined;
  historyLength: number;
}

const keyOf = (resourceType: string, id: string): string => `${resourceType}/${id}`;

/** One change a request made, as a durable store replays it: the stored version, or a delete. */
export type Change = { put: Resource } | { delete: string };

interface Capture {
  undo: JournalEntry[];
  changes: Change[];
}

/**
 * MemoryRepository plus what the sandbox needs and the engine lacks:
 * validation on write, atomic transactions (undo journal), a history kept
 * newest-first (the engine reverses its stored array on every read),
 * enumeration of current resources for snapshots, and indexed search (the
 * engine scans and evaluates FHIRPath on every resource of the type).
 */
export class SandboxRepository extends MemoryRepository {
  private readonly versions = new Map<string, Resource[]>();
  private readonly live = new Set<string>();
  private journal: JournalEntry[] | undefined;
  private guard: WriteGuard | undefined;
  /** Set while captureWrites runs: what the request changed, and how to undo it. */
  private capture: Capture | undefined;
  private replaying = false;
  /** Kept in step with the engine's store on every write; see search-index.ts. */
  private readonly index = new SearchIndex();
  /** false = the engine's own full scan: the reference the indexed path is tested against. */
  indexedSearch = true;

  setWriteGuard(guard: WriteGuard | undefined): void {
    this.guard = guard;
  }

  override async createResource<T extends Resource>(
    resource: T,
    options?: CreateResourceOptions,
    update = false,
  ): Promise<WithId<T>> {
    this.guard?.(resource.resourceType, update ? 'update' : 'create');
    // Replayed changes were validated when they were first written.
    const [wrongTarget] = this.replaying ? [] : (validateResource(resource), referenceTargetIssues(resource));
    if (wrongTarget) {
      throw new OperationOutcomeError(badRequest(`${wrongTarget.path}: ${wrongTarget.reference} is not a reference this element allows (${wrongTarget.allowed.join(', ')})`, wrongTarget.path));
    }
    // FHIR create ignores a client-supplied id; the engine would keep it.
    const input = !update && !options?.assignedId ? { ...resource, id: undefined } : resource;
    const prior = update && input.id ? await this.peek(input.resourceType, input.id) : undefined;
    const saved = await super.createResource(input, options, update);
    this.record(saved, prior);
    return saved;
  }

  override async conditionalCreate<T extends Resource>(
    resource: T,
    search: SearchRequest<T>,
    options?: CreateResourceOptions,
  ): Promise<{ resource: WithId<T>; outcome: OperationOutcome }> {
    if (search.resourceType !== resource.resourceType) {
      throw new OperationOutcomeError(badRequest('If-None-Exist search type must match the resource type'));
    }
    // The engine's version bypasses createResource (and so validation and the journal).
    const matches = await this.searchResources<T>({ ...search, count: 2, offset: 0, sortRules: undefined });
    if (matches.length > 1) throw new OperationOutcomeError(multipleMatches);
    const [existing] = matches;
    if (existing) return { resource: existing, outcome: allOk };
    return { resource: await this.createResource(resource, options), outcome: created };
  }

  override async deleteResource(resourceType: string, id: string, options?: DeleteResourceOptions): Promise<void> {
    this.guard?.(resourceType, 'delete');
    const key = keyOf(resourceType, id);
    const prior = await this.peek(resourceType, id);
    await super.deleteResource(resourceType, id, options);
    this.index.remove(resourceType, id);
    const entry = { key, prior, historyLength: this.versions.get(key)?.length ?? 0 };
    this.journal?.push(entry);
    this.capture?.undo.push(entry);
    this.capture?.changes.push({ delete: key });
    this.live.delete(key);
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    if (!this.indexedSearch || !canUseIndex(request)) return super.search(request);
    const bundle = searchCandidates(this.index.candidates(request), request);
    if ((request.include || request.revInclude) && bundle.entry?.length) {
      // As the engine does; its sub-searches (_revinclude) come back through this method.
      const entries = bundle.entry as BundleEntry[];
      await getExtraEntries(this, request, entries.map((e) => e.resource as WithId<T>), entries);
    }
    return bundle;
  }

  override async expungeResources(resourceType: string, ids: string[]): Promise<void> {
    await super.expungeResources(resourceType, ids);
    for (const id of ids) this.index.remove(resourceType, id);
  }

  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    await this.readResource(resourceType, id);
    const entry = [...(this.versions.get(keyOf(resourceType, id)) ?? [])]
      .reverse()
      .map((version) => ({ resource: structuredClone(version) as T }));
    return { resourceType: 'Bundle', type: 'history', total: entry.length, entry };
  }

  override async readVersion<T extends Resource>(resourceType: string, id: string, versionId: string): Promise<T> {
    await this.readResource(resourceType, id);
    const version = this.versions.get(keyOf(resourceType, id))?.find((v) => v.meta?.versionId === versionId);
    if (!version) throw new OperationOutcomeError(notFound);
    return structuredClone(version) as T;
  }

  override async withTransaction<TResult>(callback: (repo: this) => Promise<TResult>): Promise<TResult> {
    if (this.journal) return callback(this);
    this.journal = [];
    const capture = this.capture;
    const marks = capture && { undo: capture.undo.length, changes: capture.changes.length };
    try {
      return await callback(this);
    } catch (err) {
      await this.rollback(this.journal);
      if (capture && marks) {
        capture.undo.length = marks.undo;
        capture.changes.length = marks.changes;
      }
      throw err;
    } finally {
      this.journal = undefined;
    }
  }

  /**
   * Runs one request's work and hands what it changed to `commit` (a durable store) before
   * the caller answers. If the work or the commit throws, every change is undone: nothing a
   * client was not told about stays in memory. Callers serialise (the engine's mutex).
   */
  async captureWrites<T>(work: () => Promise<T>, commit: (changes: Change[]) => Promise<void>): Promise<T> {
    const capture: Capture = { undo: [], changes: [] };
    this.capture = capture;
    try {
      const result = await work();
      if (capture.changes.length) await commit(capture.changes);
      return result;
    } catch (err) {
      await this.rollback(capture.undo);
      throw err;
    } finally {
      this.capture = undefined;
    }
  }

  /** Stores a resource the server itself writes (an AuditEvent), past the write guard; ids and meta assigned as usual. */
  async createSystemResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const guard = this.guard;
    this.guard = undefined;
    try {
      return await this.createResource(resource);
    } finally {
      this.guard = guard;
    }
  }

  /** Replays changes from a durable store as they were made (ids, versions, timestamps kept). */
  async replay(changes: Change[]): Promise<void> {
    const guard = this.guard;
    this.guard = undefined;
    this.replaying = true;
    try {
      await this.withSeeding(async () => {
        for (const change of changes) {
          if ('put' in change) {
            await this.createResource(change.put, { assignedId: true }, true);
          } else {
            const [type, id] = change.delete.split('/') as [string, string];
            if (this.live.has(change.delete)) await this.deleteResource(type, id);
          }
        }
      });
    } finally {
      this.guard = guard;
      this.replaying = false;
    }
  }

  /** Loads resources as given (ids and meta kept), replacing any with the same id. */
  async load(resources: Resource[]): Promise<void> {
    // Seeds describe the EHR's own data: capability toggles do not apply to them.
    const guard = this.guard;
    this.guard = undefined;
    try {
      await this.withSeeding(async () => {
        for (const resource of resources) {
          await this.createResource(resource, { assignedId: true }, Boolean(resource.id));
        }
      });
    } finally {
      this.guard = guard;
    }
  }

  async snapshot(): Promise<Resource[]> {
    const out: Resource[] = [];
    for (const key of this.live) {
      const [type, id] = key.split('/') as [string, string];
      out.push(await this.readResource(type, id));
    }
    return out;
  }

  override clear(): void {
    super.clear();
    this.index.clear();
    this.versions.clear();
    this.live.clear();
  }

  private async peek(resourceType: string, id: string): Promise<Resource | undefined> {
    return this.live.has(keyOf(resourceType, id)) ? this.readResource(resourceType, id) : undefined;
  }

  private record(saved: WithId<Resource>, prior: Resource | undefined): void {
    const key = keyOf(saved.resourceType, saved.id);
    const history = this.versions.get(key) ?? [];
    const entry = { key, prior, historyLength: history.length };
    this.journal?.push(entry);
    this.capture?.undo.push(entry);
    // One frozen-by-convention copy serves history, the index and the durable store; none mutates it.
    const copy = structuredClone(saved);
    this.capture?.changes.push({ put: copy });
    history.push(copy);
    this.index.put(copy);
    this.versions.set(key, history);
    this.live.add(key);
  }

  private async rollback(journal: JournalEntry[]): Promise<void> {
    for (const { key, prior, historyLength } of [...journal].reverse()) {
      const [type, id] = key.split('/') as [string, string];
      const history = this.versions.get(key);
      if (history) history.length = historyLength;
      if (prior) {
        this.index.put(await this.withSeeding(() => super.createResource(prior, { assignedId: true }, true)));
        this.live.add(key);
      } else {
        await super.expungeResource(type, id);
        this.live.delete(key);
        if (historyLength === 0) this.versions.delete(key);
      }
    }
  }
}
