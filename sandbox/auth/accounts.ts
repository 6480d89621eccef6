// Sandbox users: the account id is the fhirUser reference ("Practitioner/abc"),
// so tokens, sessions and the FHIR server all speak the same identifier.
import type { Account } from 'oidc-provider';

export interface SandboxUser {
  fhirUser: string;
  name: string;
  role?: string;
}

const FHIR_USER_RE = /^(Practitioner|PractitionerRole|Patient|RelatedPerson|Person)\/[A-Za-z0-9\-.]{1,64}$/;

/** "Practitioner/abc" from either a relative reference or an absolute URL. */
export function relativeFhirUser(fhirUser: string): string {
  const m = /((?:Practitioner|PractitionerRole|Patient|RelatedPerson|Person)\/[^/]+)\/?$/.exec(fhirUser);
  return m?.[1] ?? fhirUser;
}

export function createFindAccount(users: () => Promise<SandboxUser[]>, fhirBaseUrl: string) {
  return async (_ctx: unknown, accountId: string): Promise<Account | undefined> => {
    // An EHR launch may name a user the sandbox list does not hold (e.g. one made in
    // the EHR UI); any well-formed reference is accepted so the launch still works.
    if (!FHIR_USER_RE.test(accountId)) return undefined;
    const user = (await users()).find((u) => relativeFhirUser(u.fhirUser) === accountId);
    return {
      accountId,
      claims: () => ({
        sub: accountId,
        fhirUser: `${fhirBaseUrl.replace(/\/$/, '')}/${accountId}`,
        ...(user ? { name: user.name } : {}),
      }),
    };
  };
}
