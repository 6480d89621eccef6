// Durability under crashes: the coordination server runs as a real child process; clients
// send bookings (transactions with conditional creates, retried like the outbox retries)
// while the server is killed with SIGKILL at random moments and restarted. Afterwards every
// acknowledged booking is there exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PORT = 8193;
const BASE = `http://127.0.0.1:${PORT}/fhir/R4`;
const KILLS = 20;
const CLIENTS = 4;
const SYSTEM = 'urn:carerelay:test:booking';

let child: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'coord-durability-'));

function start(): Promise<ChildProcess> {
  return new Promise((resolveStart, reject) => {
    const p = spawn(process.execPath, ['--experimental-websocket', '--import', 'tsx', 'server/coordination/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, COORD_PORT: String(PORT), COORD_HOST: '127.0.0.1', COORD_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready in')) {
        p.stdout?.off('data', onData);
        resolveStart(p);
      }
    };
    p.stdout?.on('data', onData);
    p.stderr?.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    p.once('exit', (code) => reject(new Error(`coordination server exited (${code}) before it was ready:\n${out}`)));
  });
}

function kill(p: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (p.exitCode !== null || p.signalCode !== null) return done();
    p.once('exit', () => done());
    p.kill('SIGKILL');
  });
}

function booking(n: number): Bundle {
  const id = `b-${n}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        resource: {
          resourceType: 'ServiceRequest', status: 'active', intent: 'order',
          identifier: [{ system: SYSTEM, value: id }],
          code: { text: 'Wheelchair van' },
          subject: { reference: `Patient/pat-${String((n % 28) + 1).padStart(3, '0')}` },
        },
        request: { method: 'POST', url: 'ServiceRequest', ifNoneExist: `identifier=${SYSTEM}|${id}` },
      },
      {
        resource: {
          resourceType: 'Task', status: 'requested', intent: 'order',
          identifier: [{ system: SYSTEM, value: id }],
          focus: { reference: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
          for: { reference: `Patient/pat-${String((n % 28) + 1).padStart(3, '0')}` },
        },
        request: { method: 'POST', url: 'Task', ifNoneExist: `identifier=${SYSTEM}|${id}` },
      },
    ],
  };
}

async function count(type: string, id: string): Promise<number> {
  const res = await fetch(`${BASE}/${type}?identifier=${encodeURIComponent(`${SYSTEM}|${id}`)}&_summary=count`);
  if (!res.ok) throw new Error(`count ${type} ${id}: HTTP ${res.status}`);
  return ((await res.json()) as Bundle).total ?? -1;
}

afterAll(async () => {
  if (child) await kill(child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('coordination server durability', () => {
  it(`keeps every acknowledged booking exactly once across ${KILLS} SIGKILLs`, async () => {
    child = await start();
    const acknowledged = new Set<number>();
    const attempted = new Set<number>();
    let next = 0;
    let stopping = false;
    let refused = 0;

    // Each client books one after another, and retries a booking until it is acknowledged
    // (as the outbox does): the conditional creates make a retry of a committed booking harmless.
    const client = async () => {
      while (!stopping) {
        const n = next++;
        attempted.add(n);
        for (;;) {
          try {
            const res = await fetch(BASE, {
              method: 'POST',
              headers: { 'Content-Type': 'application/fhir+json', Prefer: 'return=minimal' },
              body: JSON.stringify(booking(n)),
            });
            await res.arrayBuffer();
            if (res.status === 200) {
              acknowledged.add(n);
              break;
            }
            refused++;
            throw new Error(`booking ${n}: HTTP ${res.status}`);
          } catch (err) {
            if (err instanceof Error && err.message.startsWith('booking')) throw err;
            // Connection refused or reset: the server is down; try again shortly.
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);

    let kills = 0;
    for (; kills < KILLS; kills++) {
      // Let bookings flow for a random moment, then pull the plug mid-stream.
      const before = acknowledged.size;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 400));
      if (acknowledged.size === before) await new Promise((r) => setTimeout(r, 200));
      await kill(child);
      child = await start();
    }
    stopping = true;
    await Promise.all(clients);

    // One more crash and replay before counting, so what is counted came from disk.
    await kill(child);
    child = await start();
    let lost = 0;
    let duplicated = 0;
    let partial = 0;
    for (const n of attempted) {
      const [requests, tasks] = await Promise.all([count('ServiceRequest', `b-${n}`), count('Task', `b-${n}`)]);
      if (acknowledged.has(n) && (requests === 0 || tasks === 0)) lost++;
      if (requests > 1 || tasks > 1) duplicated++;
      if (requests !== tasks) partial++;
    }
    console.log(`durability: kills ${kills}, acknowledged ${acknowledged.size}, lost ${lost}, duplicated ${duplicated}, half-written ${partial}`);
    expect(kills).toBeGreaterThanOrEqual(20);
    expect(refused).toBe(0);
    expect(acknowledged.size).toBeGreaterThan(KILLS);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(partial).toBe(0);
  }, 400_000);
});
