import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ClientConfigError } from './errors';
import { loadClients } from './clients';
import { CLIENTS_FILE } from './test-harness';

const vars = { appOrigin: 'http://localhost:5173/', extensionId: 'abcdefghijklmnopabcdefghijklmnop' };

test('the sandbox clients file loads with placeholders substituted', () => {
  const clients = loadClients(CLIENTS_FILE, vars);
  expect(clients.map((c) => c.id)).toEqual(['carerelay-app', 'carerelay-extension', 'carerelay-relay', 'carerelay-sim']);
  const [app, extension, relay] = clients;
  expect(app?.kind === 'public' && app.redirectUris).toEqual(['http://localhost:5173/index.html']);
  expect(extension?.kind === 'public' && extension.redirectUris).toEqual(['https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/']);
  expect(app?.scopes).toEqual(expect.arrayContaining(['launch', 'launch/patient', 'offline_access', 'online_access', 'patient/Task.cruds', 'user/*.write']));
  expect(relay?.kind === 'backend-services' && relay.jwks.keys[0]?.kid).toBe('carerelay-relay-sandbox-1');
  // Public halves only: a private key in clients.json would be a leak.
  for (const client of clients) if (client.kind === 'backend-services') for (const key of client.jwks.keys) expect(key).not.toHaveProperty('d');
});

test('errors name the file and the offending field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clients-'));
  const file = join(dir, 'clients.json');
  writeFileSync(file, JSON.stringify({ clients: [{ id: 'x', kind: 'public', redirectUris: ['not a url'], scopes: ['openid'] }] }));
  expect(() => loadClients(file, vars)).toThrow(ClientConfigError);
  expect(() => loadClients(file, vars)).toThrow(/clients\.0\.redirectUris\.0/);
  writeFileSync(file, '{ not json');
  expect(() => loadClients(file, vars)).toThrow(/cannot read or parse JSON/);
  writeFileSync(file, JSON.stringify({ clients: [{ id: 'a', kind: 'public', redirectUris: ['http://x/'], scopes: ['openid'] }, { id: 'a', kind: 'public', redirectUris: ['http://x/'], scopes: ['openid'] }] }));
  expect(() => loadClients(file, vars)).toThrow(/clients\.1\.id: duplicate client id a/);
});
