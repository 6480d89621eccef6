// The runtime content-script registration against a fake chrome.scripting.
import { describe, expect, it, vi } from 'vitest';
import { coveredByManifest, createRegistrar, REGISTRATION_ID, syncContentScripts, type RegisteredScript, type ScriptingLike } from './content-registration';

function fakeScripting(initial: RegisteredScript[] = []) {
  const scripts = new Map(initial.map((s) => [s.id, s]));
  const api = {
    scripts,
    getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) => [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)).map((s) => ({ ...s }))),
    registerContentScripts: vi.fn(async (list: RegisteredScript[]) => {
      for (const s of list) {
        if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        scripts.set(s.id, s);
      }
    }),
    updateContentScripts: vi.fn(async (list: RegisteredScript[]) => {
      for (const s of list) {
        const old = scripts.get(s.id);
        if (!old) throw new Error(`No script with ID '${s.id}'`);
        scripts.set(s.id, { ...old, ...s });
      }
    }),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
    }),
  } satisfies ScriptingLike & { scripts: unknown };
  return api;
}

const granted = (...patterns: string[]) => ({ contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => patterns.includes(o))) });

describe('content script registration', () => {
  it('registers the built content script for granted origins only, persistently, top frame', async () => {
    const scripting = fakeScripting();
    const permissions = granted('https://ehr.example.org/*', 'https://ehr2.example.org:8443/*');
    const origins = ['https://ehr.example.org', 'https://ehr2.example.org:8443', 'https://not-granted.example.org'];
    expect(await syncContentScripts(origins, { scripting, permissions })).toEqual(['https://ehr.example.org/*', 'https://ehr2.example.org:8443/*']);
    expect(scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    expect(scripting.scripts.get(REGISTRATION_ID)).toEqual({
      id: REGISTRATION_ID, matches: ['https://ehr.example.org/*', 'https://ehr2.example.org:8443/*'], js: ['content-scripts/content.js'],
      runAt: 'document_idle', allFrames: false, persistAcrossSessions: true,
    });
  });

  it('leaves origins the manifest already covers to the manifest (no double injection)', async () => {
    const scripting = fakeScripting();
    const permissions = granted('http://localhost:8080/*', 'http://127.0.0.1:9000/*', 'http://[::1]:8080/*');
    expect(await syncContentScripts(['http://localhost:8080', 'http://127.0.0.1:9000', 'http://[::1]:8080'], { scripting, permissions }))
      .toEqual(['http://[::1]:8080/*']);
    expect(coveredByManifest('http://localhost:1')).toBe(true);
    expect(coveredByManifest('https://localhost')).toBe(false);
    expect(coveredByManifest('http://localhost.example.org')).toBe(false);
  });

  it('updates the registration when the origins change and unregisters when none are left', async () => {
    const scripting = fakeScripting();
    const permissions = granted('https://a.example.org/*', 'https://b.example.org/*');
    await syncContentScripts(['https://a.example.org'], { scripting, permissions });
    await syncContentScripts(['https://a.example.org', 'https://b.example.org'], { scripting, permissions });
    expect(scripting.updateContentScripts).toHaveBeenCalledTimes(1);
    expect(scripting.scripts.get(REGISTRATION_ID)?.matches).toEqual(['https://a.example.org/*', 'https://b.example.org/*']);
    // Same origins again (the worker restarted): nothing to do.
    await syncContentScripts(['https://b.example.org', 'https://a.example.org'], { scripting, permissions });
    expect(scripting.updateContentScripts).toHaveBeenCalledTimes(1);
    await syncContentScripts(['http://localhost:8080'], { scripting, permissions });
    expect(scripting.scripts.size).toBe(0);
    expect(scripting.unregisterContentScripts).toHaveBeenCalledWith({ ids: [REGISTRATION_ID] });
    // Nothing registered and nothing wanted: no calls.
    await syncContentScripts([], { scripting, permissions });
    expect(scripting.unregisterContentScripts).toHaveBeenCalledTimes(1);
  });

  it('drops an origin whose permission was revoked, and leaves other registrations alone', async () => {
    const other = { id: 'someone-else', matches: ['https://x.example.org/*'], js: ['x.js'] };
    const scripting = fakeScripting([other]);
    const permissions = granted('https://a.example.org/*', 'https://b.example.org/*');
    await syncContentScripts(['https://a.example.org', 'https://b.example.org'], { scripting, permissions });
    permissions.contains.mockImplementation(async ({ origins = [] }) => origins.every((o) => o === 'https://b.example.org/*'));
    await syncContentScripts(['https://a.example.org', 'https://b.example.org'], { scripting, permissions });
    expect(scripting.scripts.get(REGISTRATION_ID)?.matches).toEqual(['https://b.example.org/*']);
    expect(scripting.scripts.get('someone-else')).toEqual(other);
  });

  it('coalesces syncs asked for before one starts, and queues one behind a running sync', async () => {
    const scripting = fakeScripting();
    const permissions = granted('https://a.example.org/*', 'https://b.example.org/*');
    let origins = ['https://a.example.org'];
    const seen: string[][] = [];
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const sync = createRegistrar({ scripting, permissions, origins: async () => { seen.push(origins); if (seen.length === 1) await gate; return origins; } });
    const first = sync();
    expect(sync()).toBe(first);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    // The first sync is running: later asks share one queued sync, which reads the latest origins.
    origins = ['https://b.example.org'];
    const second = sync();
    expect(second).not.toBe(first);
    expect(sync()).toBe(second);
    release();
    await second;
    expect(seen).toEqual([['https://a.example.org'], ['https://b.example.org']]);
    expect(scripting.scripts.get(REGISTRATION_ID)?.matches).toEqual(['https://b.example.org/*']);
  });

  it('reports a failed sync and keeps going', async () => {
    const scripting = fakeScripting();
    scripting.registerContentScripts.mockRejectedValueOnce(new Error('Could not load file'));
    const onError = vi.fn();
    const sync = createRegistrar({ scripting, permissions: granted('https://a.example.org/*'), origins: async () => ['https://a.example.org'], onError });
    await sync();
    expect(onError).toHaveBeenCalledWith(new Error('Could not load file'));
    await sync();
    expect(scripting.scripts.get(REGISTRATION_ID)?.matches).toEqual(['https://a.example.org/*']);
  });
});
