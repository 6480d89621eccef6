// `npm run coordination`: CareRelay's coordination server on its own.
// COORD_PORT (default 8090), COORD_HOST (default localhost), COORD_DATA_DIR (default ./.data/coordination),
// COORD_TRUSTED_EHRS ("issuer|fhirBase,..."; unset = no authorization, development only),
// COORD_CLIENT_IDS (default carerelay-app,carerelay-extension), COORD_TOKEN_TTL (s, 300),
// COORD_ADMIN_TOKEN (a bearer that may read AuditEvent), COORD_IMPORT (a JSON array of
// resources, e.g. the vendor directory, loaded once into an empty journal).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { startCoordinationServer } from './server';
import type { TrustedEhr } from './token-exchange';

const t0 = performance.now();
const env = process.env;
const dataDir = resolve(env.COORD_DATA_DIR ?? '.data/coordination');
const trusted: TrustedEhr[] = (env.COORD_TRUSTED_EHRS ?? '').split(',').filter(Boolean).map((pair) => {
  const [issuer = '', fhirBaseUrl = ''] = pair.split('|');
  if (!/^https?:\/\//.test(issuer) || !/^https?:\/\//.test(fhirBaseUrl)) throw new Error(`COORD_TRUSTED_EHRS: "${pair}" is not "issuer|fhirBase" (two absolute URLs)`);
  return { issuer: issuer.replace(/\/$/, ''), fhirBaseUrl: fhirBaseUrl.replace(/\/$/, '') };
});
const server = await startCoordinationServer({
  port: Number(env.COORD_PORT ?? 8090),
  host: env.COORD_HOST ?? 'localhost',
  dataDir,
  ...(env.COORD_IMPORT ? { importWhenEmpty: () => readImport(env.COORD_IMPORT ?? '') } : {}),
  ...(trusted.length ? {
    exchange: {
      trusted,
      clientIds: (env.COORD_CLIENT_IDS ?? 'carerelay-app,carerelay-extension').split(',').filter(Boolean),
      ...(env.COORD_TOKEN_TTL ? { ttlSeconds: Number(env.COORD_TOKEN_TTL) } : {}),
      ...(env.COORD_ADMIN_TOKEN ? { adminToken: env.COORD_ADMIN_TOKEN } : {}),
    },
  } : {}),
});
function readImport(file: string): Resource[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed) || parsed.some((r) => typeof (r as { resourceType?: unknown })?.resourceType !== 'string')) {
    throw new Error(`COORD_IMPORT: ${file} is not a JSON array of FHIR resources`);
  }
  return parsed as Resource[];
}
const torn = server.replayed.tornBytes ? `, dropped a torn last write of ${server.replayed.tornBytes} bytes` : '';
console.log(`CareRelay coordination server ready in ${Math.round(performance.now() - t0)} ms (replayed ${server.replayed.records} journal records in ${server.replayed.ms} ms${torn}${server.imported ? `; imported ${server.imported} resources into the empty journal` : ''})`);
console.log(`  FHIR base:           ${server.fhirBaseUrl}`);
console.log(`  Data:                ${dataDir}`);
console.log(trusted.length
  ? `  Tokens:              exchange an EHR id_token at ${server.origin}/token (trusted: ${trusted.map((t) => t.issuer).join(', ')})`
  : '  Tokens:              NONE REQUIRED (no COORD_TRUSTED_EHRS): development only, anyone who reaches the port may read and write');
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
