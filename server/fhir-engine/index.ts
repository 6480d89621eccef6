import { FhirRouter } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import { loadR4Definitions } from './definitions';
import { writeGuard } from './guard';
import { createFhirHandler } from './handler';
import { createMutex } from './mutex';
import { SandboxRepository } from './repository';
import type { NodeHandler } from './contracts';
import type { CapabilityToggles, FhirServer, FhirServerOptions, SystemWriter } from './types';

export type { CapabilityToggles, Change, FhirServer, FhirServerOptions, SystemWriter } from './types';

export function defaultCapabilities(): CapabilityToggles {
  return {
    transactions: true, conditionalCreate: true, include: true, subscriptions: false, writableTypes: null,
    // SANDBOX_MAX_COUNT / SANDBOX_MAX_INCLUDED: behave like a production server's page and include limits.
    maxCount: positiveInt(process.env.SANDBOX_MAX_COUNT) ?? 1000,
    maxIncluded: positiveInt(process.env.SANDBOX_MAX_INCLUDED) ?? null,
  };
}

function positiveInt(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The sandbox's FHIR R4 endpoint: @medplum/fhir-router over an in-memory
 * repository, plus HTTP glue, validation, atomic transactions, SMART auth
 * checks, capability toggles and fault injection.
 */
export async function createFhirServer(opts: FhirServerOptions): Promise<FhirServer> {
  loadR4Definitions(opts.servedTypes);
  const baseUrl = opts.baseUrl.replace(/\/$/, '');
  const capabilities = defaultCapabilities();
  const repo = new SandboxRepository();
  const mutex = createMutex();
  const commit = opts.commit;
  const system: SystemWriter = (resource) => repo.createSystemResource(resource);
  // With a commit hook every unit of work is captured and made durable before it is answered.
  const exclusive = commit
    ? <T>(work: () => Promise<T>) => mutex(() => repo.captureWrites(work, (changes) => commit(changes, system)))
    : mutex;
  const wrap = opts.faults ? (h: NodeHandler) => opts.faults!.wrap(h) : (h: NodeHandler) => h;
  const server: FhirServer = {
    capabilities,
    handle: wrap(createFhirHandler({
      baseUrl,
      repo,
      router: new FhirRouter(),
      auth: opts.auth,
      // Read through the server object so a caller may replace `capabilities` wholesale.
      get toggles() {
        return server.capabilities;
      },
      exclusive,
      servedTypes: opts.servedTypes,
      software: opts.software,
    })),
    load: (resources: Resource[]) => exclusive(() => repo.load(resources)),
    reset: (resources: Resource[] = []) => exclusive(async () => {
      repo.clear();
      await repo.load(resources);
    }),
    snapshot: () => mutex(() => repo.snapshot()),
    replay: (changes) => mutex(() => repo.replay(changes)),
    writeSystem: (resource) => exclusive(() => repo.createSystemResource(resource)),
  };
  repo.setWriteGuard((type) => writeGuard(server.capabilities)(type));
  return server;
}
