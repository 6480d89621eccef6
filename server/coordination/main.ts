// `npm run coordination`: CareRelay's coordination server on its own.
// COORD_PORT (default 8090), COORD_HOST (default localhost), COORD_DATA_DIR (default ./.data/coordination).
import { resolve } from 'node:path';
import { startCoordinationServer } from './server';

const t0 = performance.now();
const env = process.env;
const dataDir = resolve(env.COORD_DATA_DIR ?? '.data/coordination');
const server = await startCoordinationServer({
  port: Number(env.COORD_PORT ?? 8090),
  host: env.COORD_HOST ?? 'localhost',
  dataDir,
});
const torn = server.replayed.tornBytes ? `, dropped a torn last write of ${server.replayed.tornBytes} bytes` : '';
console.log(`CareRelay coordination server ready in ${Math.round(performance.now() - t0)} ms (replayed ${server.replayed.records} journal records in ${server.replayed.ms} ms${torn})`);
console.log(`  FHIR base:           ${server.fhirBaseUrl}`);
console.log(`  Data:                ${dataDir}`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
