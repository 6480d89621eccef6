import { FhirRouter } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import { loadR4Definitions } from './definitions';
import { writeGuard } from './guard';
import { createFhirHandler } from './handler';
import { createMutex } from './mutex';
import { SandboxRepository } from './repository';
import type { NodeHandler } from './contracts';
import type { CapabilityToggles, FhirServer, FhirServerOptions } from './types';

export type { CapabilityToggles, FhirServer, FhirServerOptions } from './types';

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
  loadR4Definitions();
  const baseUrl = opts.baseUrl.replace(/\/$/, '');
  const capabilities = defaultCapabilities();
  const repo = new SandboxRepository();
  const exclusive = createMutex();
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
    })),
    load: (resources: Resource[]) => exclusive(() => repo.load(resources)),
    reset: (resources: Resource[] = []) => exclusive(async () => {
      repo.clear();
      await repo.load(resources);
    }),
    snapshot: () => exclusive(() => repo.snapshot()),
  };
  repo.setWriteGuard((type) => writeGuard(server.capabilities)(type));
  return server;
}
