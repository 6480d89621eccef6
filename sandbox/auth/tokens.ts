// Bearer-token validation for the FHIR server, and in-process system tokens.
// Access tokens are opaque, so validation is a lookup in the provider's store.
import type Provider from 'oidc-provider';
import type { ResourceServer } from 'oidc-provider';
import type { AccessContext } from '../contracts';
import { UnknownClientError } from './errors';
import type { LaunchStore } from './launch-store';
import { grantableScopes, isResourceScope } from './scopes';

interface TokenDeps {
  provider: Provider;
  fhirBaseUrl: string;
  launches: LaunchStore;
  registered: Map<string, string[]>;
  ttlSeconds: number;
}

// oidc-provider builds ResourceServer instances internally; the class is exposed on
// the provider but missing from @types/oidc-provider.
type ResourceServerClass = new (identifier: string, info: ResourceServer) => ResourceServer;

const audienceMatches = (aud: string | string[] | undefined, expected: string) =>
  Array.isArray(aud) ? aud.includes(expected) : aud === expected;

export function createTokenFunctions(deps: TokenDeps) {
  const { provider, fhirBaseUrl, launches } = deps;

  async function authenticate(token: string | undefined): Promise<AccessContext | null> {
    if (!token || token.length > 512) return null;
    const [user, system] = await Promise.all([
      provider.AccessToken.find(token).catch(() => undefined),
      provider.ClientCredentials.find(token).catch(() => undefined),
    ]);
    if (user && !user.isExpired && audienceMatches(user.aud, fhirBaseUrl)) {
      // A revoked grant (or a revoked token) no longer resolves.
      const grant = await provider.Grant.find(user.grantId);
      if (!grant) return null;
      const context = launches.grantContext(user.grantId);
      return {
        clientId: user.clientId ?? grant.clientId ?? '',
        scopes: (user.scope ?? '').split(' ').filter(Boolean),
        ...(context?.patient ? { patient: context.patient } : {}),
        ...(context?.encounter ? { encounter: context.encounter } : {}),
        fhirUser: context?.fhirUser ?? user.accountId,
        ...(user.exp ? { expiresAt: user.exp } : {}),
      };
    }
    if (system && !system.isExpired && audienceMatches(system.aud, fhirBaseUrl)) {
      return {
        clientId: system.clientId ?? '',
        scopes: (system.scope ?? '').split(' ').filter(Boolean),
        ...(system.exp ? { expiresAt: system.exp } : {}),
      };
    }
    return null;
  }

  async function issueSystemToken(clientId: string, scopes: string[]): Promise<string> {
    const client = await provider.Client.find(clientId);
    if (!client) throw new UnknownClientError(clientId);
    const granted = grantableScopes(scopes.filter(isResourceScope), deps.registered.get(clientId) ?? []).join(' ');
    const ResourceServerCtor = (provider as unknown as { ResourceServer: ResourceServerClass }).ResourceServer;
    const token = new provider.ClientCredentials({
      client,
      scope: granted,
      resourceServer: new ResourceServerCtor(fhirBaseUrl, {
        scope: granted, audience: fhirBaseUrl, accessTokenFormat: 'opaque', accessTokenTTL: deps.ttlSeconds,
      }),
    });
    return token.save();
  }

  return { authenticate, issueSystemToken };
}
