// `npm start` runs CareRelay's coordination server beside the sandbox EHR, as its own
// process (as in production: it is CareRelay's server, not the EHR's).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface CoordinationProcess {
  fhirBaseUrl: string;
  stop(): void;
}

/** `trusted`: the sandbox EHR, whose id_tokens the coordination server exchanges for its own tokens. */
export function startCoordinationProcess(port: number, trusted: { issuer: string; fhirBaseUrl: string }, env: NodeJS.ProcessEnv = process.env): Promise<CoordinationProcess> {
  const root = resolve(import.meta.dirname, '..');
  const child = spawn(process.execPath, ['--experimental-websocket', '--import', 'tsx', 'server/coordination/main.ts'], {
    cwd: root,
    env: { ...env, COORD_PORT: String(port), COORD_TRUSTED_EHRS: env.COORD_TRUSTED_EHRS ?? `${trusted.issuer}|${trusted.fhirBaseUrl}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((done, fail) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const base = /FHIR base:\s+(\S+)/.exec(out)?.[1];
      if (!base) return;
      child.stdout?.off('data', onData);
      child.stdout?.pipe(process.stdout);
      child.off('exit', onExit);
      done({ fhirBaseUrl: base, stop: () => void child.kill('SIGTERM') });
    };
    const onExit = (code: number | null) => fail(new Error(`The coordination server exited (${code}) before it was ready:\n${out}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
