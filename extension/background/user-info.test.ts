// The signed-in user by name and role, read from their Practitioner / PractitionerRole.
import { describe, expect, it, vi } from 'vitest';
import type { FhirApi } from '../../shared/fhir/api';
import { readUserInfo, userReference } from './user-info';

function api(bodies: Record<string, unknown>) {
  const raw = vi.fn(async ({ url }: { url: string }) => {
    if (!(url in bodies)) throw new Error(`unexpected ${url}`);
    return { status: 200, headers: {}, body: bodies[url] };
  });
  return { api: { raw } as unknown as FhirApi, raw };
}

const ROLE = { resourceType: 'PractitionerRole', id: 'role-dn-1', practitioner: { reference: 'Practitioner/prac-dn-1', display: 'Dana Nguyen' }, code: [{ coding: [{ code: 'discharge-nurse', display: 'Discharge nurse' }] }] };

describe('readUserInfo', () => {
  it('reads a Practitioner fhirUser: name from the Practitioner, role from their PractitionerRole', async () => {
    const { api: fhir } = api({
      'Practitioner/prac-dn-1': { resourceType: 'Practitioner', name: [{ given: ['Dana'], family: 'Nguyen' }] },
      'PractitionerRole?practitioner=Practitioner/prac-dn-1&_count=5': { resourceType: 'Bundle', entry: [{ resource: ROLE }] },
    });
    expect(await readUserInfo(fhir, 'http://localhost:8080/fhir/R4/Practitioner/prac-dn-1')).toEqual({ userName: 'Dana Nguyen', userRole: 'Discharge nurse' });
  });

  it('reads a PractitionerRole fhirUser from the role alone', async () => {
    const { api: fhir } = api({ 'PractitionerRole/role-dn-1': ROLE });
    expect(await readUserInfo(fhir, 'PractitionerRole/role-dn-1')).toEqual({ userName: 'Dana Nguyen', userRole: 'Discharge nurse' });
  });

  it('keeps the name when the role search fails', async () => {
    const { api: fhir } = api({ 'Practitioner/p1': { name: [{ text: 'Dr. Lee' }] } });
    expect(await readUserInfo(fhir, 'Practitioner/p1')).toEqual({ userName: 'Dr. Lee', userRole: undefined });
  });

  it('reads nothing for a Patient or a malformed reference', async () => {
    const { api: fhir, raw } = api({});
    expect(await readUserInfo(fhir, 'Patient/pat-1')).toEqual({});
    expect(userReference('Practitioner/../x')).toBeUndefined();
    expect(raw).not.toHaveBeenCalled();
  });
});
