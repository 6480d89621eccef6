// Reads sandbox/clients.json: the clients the sandbox authorization server
// knows. The file holds placeholders ({appOrigin}, {extensionId}) because the app
// origin and the extension id differ between dev, e2e and CI runs.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ClientConfigError } from './errors';

const jwkSchema = z.looseObject({ kty: z.string(), kid: z.string().optional(), alg: z.string().optional() });

const publicClientSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('public'),
  description: z.string().optional(),
  redirectUris: z.array(z.url()).min(1),
  scopes: z.array(z.string().min(1)).min(1),
});

const backendClientSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('backend-services'),
  description: z.string().optional(),
  scopes: z.array(z.string().min(1)).min(1),
  jwks: z.object({ keys: z.array(jwkSchema).min(1) }),
});

export const clientConfigSchema = z.discriminatedUnion('kind', [publicClientSchema, backendClientSchema]);
export type ClientConfig = z.infer<typeof clientConfigSchema>;
export type Jwk = z.infer<typeof jwkSchema>;

const clientsFileSchema = z.object({
  clients: z.array(clientConfigSchema).min(1),
}).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.clients.forEach((client, i) => {
    if (seen.has(client.id)) ctx.addIssue({ code: 'custom', path: ['clients', i, 'id'], message: `duplicate client id ${client.id}` });
    seen.add(client.id);
  });
});

export interface ClientVars {
  appOrigin: string;
  extensionId: string;
}

function substitute(value: unknown, vars: ClientVars): unknown {
  if (typeof value === 'string') {
    return value.replaceAll('{appOrigin}', vars.appOrigin.replace(/\/$/, '')).replaceAll('{extensionId}', vars.extensionId);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}

/** Parses a clients file; errors name the file and the offending field. */
export function loadClients(file: string, vars: ClientVars): ClientConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ClientConfigError(file, '', 'cannot read or parse JSON', { cause });
  }
  return parseClients(substitute(raw, vars), file);
}

export function parseClients(raw: unknown, source = 'clients'): ClientConfig[] {
  const parsed = clientsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ClientConfigError(source, issue ? issue.path.join('.') : '', issue?.message ?? 'invalid', { cause: parsed.error });
  }
  return parsed.data.clients;
}
