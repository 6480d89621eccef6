// The coordination server under load, as it runs in production: its own process, an empty
// journal, every booking a transaction of conditional creates (request + vendor Task) and a
// Provenance, as the app writes it. 50 clients × 20 bookings at once; latency per booking
// (acknowledged = 2xx), then every booking counted on the server: 0 lost, 0 duplicated.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SYSTEM = 'https://carerelay.example/fhir/booking-id';

export interface LoadResult {
  clients: number;
  perClient: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  wallMs: number;
}

function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  return new Promise((ready, fail) => {
    const child = spawn(process.execPath, ['--experimental-websocket', '--import', 'tsx', 'server/coordination/main.ts'], {
      cwd: ROOT, env: { ...process.env, COORD_PORT: String(port), COORD_HOST: '127.0.0.1', COORD_DATA_DIR: dataDir, COORD_TRUSTED_EHRS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready in')) ready(child);
    });
    child.once('exit', (code) => fail(new Error(`the coordination server exited (${code}) before it was ready`)));
  });
}

function booking(client: number, n: number) {
  const id = `load-${client}-${n}`;
  const patient = `Patient/pat-${String(((client * 20 + n) % 28) + 1).padStart(3, '0')}`;
  const request = `urn:uuid:${crypto.randomUUID()}`;
  const task = `urn:uuid:${crypto.randomUUID()}`;
  const now = new Date().toISOString();
  return {
    id,
    bundle: {
      resourceType: 'Bundle', type: 'transaction', entry: [
        { fullUrl: request, resource: { resourceType: 'ServiceRequest', status: 'active', intent: 'order', identifier: [{ system: SYSTEM, value: id }], code: { text: 'Wheelchair van' }, subject: { reference: patient }, authoredOn: now },
          request: { method: 'POST', url: 'ServiceRequest', ifNoneExist: `identifier=${SYSTEM}|${id}` } },
        { fullUrl: task, resource: { resourceType: 'Task', status: 'requested', intent: 'order', identifier: [{ system: SYSTEM, value: id }], focus: { reference: request }, for: { reference: patient }, owner: { reference: 'Organization/vendor-nemt-1' }, authoredOn: now },
          request: { method: 'POST', url: 'Task', ifNoneExist: `identifier=${SYSTEM}|${id}` } },
        { resource: { resourceType: 'Provenance', id: `prov-${id}`, target: [{ reference: task }], recorded: now, agent: [{ who: { display: 'bench' } }] },
          request: { method: 'PUT', url: `Provenance/prov-${id}` } },
      ],
    },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export async function coordinationLoad(port = 8297, clients = 50, perClient = 20): Promise<LoadResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'carerelay-bench-coord-'));
  const child = await startServer(port, dataDir);
  const base = `http://127.0.0.1:${port}/fhir/R4`;
  try {
    const latencies: number[] = [];
    const acknowledged = new Set<string>();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: clients }, async (_, c) => {
      for (let n = 0; n < perClient; n++) {
        const b = booking(c, n);
        // Retried until acknowledged, as the outbox does; a 2xx is the acknowledgement.
        for (let attempt = 0; ; attempt++) {
          const start = performance.now();
          const res = await fetch(base, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json', Prefer: 'return=minimal' }, body: JSON.stringify(b.bundle) }).catch(() => undefined);
          await res?.arrayBuffer();
          if (res?.ok) {
            latencies.push(performance.now() - start);
            acknowledged.add(b.id);
            break;
          }
          if (attempt > 5) throw new Error(`booking ${b.id} not acknowledged: HTTP ${res?.status ?? 'no answer'}`);
        }
      }
    }));
    const wallMs = performance.now() - t0;
    // Count what the server holds, by our identifier (in pages).
    const held = new Map<string, number>();
    let url: string | undefined = `${base}/ServiceRequest?identifier=${encodeURIComponent(`${SYSTEM}|`)}&_count=1000&_elements=identifier`;
    while (url) {
      const page = (await (await fetch(url)).json()) as { entry?: { resource: { identifier?: { value?: string }[] } }[]; link?: { relation: string; url: string }[] };
      for (const e of page.entry ?? []) {
        const id = e.resource.identifier?.[0]?.value ?? '';
        held.set(id, (held.get(id) ?? 0) + 1);
      }
      url = page.link?.find((l) => l.relation === 'next')?.url;
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      clients, perClient, acknowledged: acknowledged.size,
      lost: [...acknowledged].filter((id) => !held.has(id)).length,
      duplicated: [...held.values()].filter((count) => count > 1).length,
      p50Ms: Math.round(percentile(sorted, 50)), p95Ms: Math.round(percentile(sorted, 95)), maxMs: Math.round(sorted.at(-1) ?? NaN), wallMs: Math.round(wallMs),
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await coordinationLoad());
