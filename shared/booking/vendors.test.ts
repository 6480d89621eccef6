import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../fhir/codes';
import type { THealthcareService, TOrganization } from '../fhir/schemas';
import { matchVendors } from './vendors';

const cc = (system: string, code: string) => ({ coding: [{ system, code }] });
const service = (id: string, caps: string[]): THealthcareService => ({
  resourceType: 'HealthcareService', id, providedBy: { reference: `Organization/${id}` },
  type: [cc(SYSTEMS.nucc, '343900000X')], characteristic: caps.map((c) => cc(SYSTEMS.capability, c)),
} as THealthcareService);
const orgs: TOrganization[] = [{ resourceType: 'Organization', id: 'vans', name: 'Vans' } as TOrganization];

describe('matchVendors: why a vendor is not offered', () => {
  it('says a need once, even when the level and a flag both ask for it ("no stretcher", not "no stretcher, no stretcher")', () => {
    const [vans] = matchVendors([service('vans', ['wheelchair'])], orgs, { service: 'transport', level: 'T2005', flags: ['stretcher', 'oxygen'] });
    expect(vans?.misses).toEqual(['no stretcher', 'no oxygen']);
  });

  it('a vendor holding every need has no reason against it', () => {
    const [vans] = matchVendors([service('vans', ['stretcher', 'oxygen'])], orgs, { service: 'transport', level: 'T2005', flags: ['stretcher', 'oxygen'] });
    expect(vans?.misses).toEqual([]);
  });
});
