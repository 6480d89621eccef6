// The Metrics vendor filter (report.vendorNames) lists vendors only: payers and the
// hospital are Organizations too, told apart by the vendor directory's NUCC taxonomy.
import { describe, expect, it } from 'vitest';
import { generateSeed } from '../../sandbox/seed/index';
import { SYSTEMS } from '../fhir/codes';
import { computeAllMetrics } from './compute-all';
import { inputFromResources, parseInput } from './parse-input';

const ORG_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
const org = (id: string, name: string, system?: string, code?: string) => ({
  resourceType: 'Organization', id, name, ...(system ? { type: [{ coding: [{ system, code }] }] } : {}),
});
const task = (id: string, owner: string) => ({
  resourceType: 'Task', id, status: 'requested', intent: 'order', owner: { reference: owner }, focus: { reference: 'ServiceRequest/s1' },
  code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] },
});

describe('vendor names (the Metrics vendor filter)', () => {
  it('keeps NUCC-typed vendors and untyped Task owners, drops payers, the hospital and untyped bystanders', () => {
    const parsed = parseInput({
      organizations: [
        org('van', 'Swift Van', SYSTEMS.nucc, '343900000X'),
        org('hh', 'Care At Home', SYSTEMS.nucc, '251E00000X'),
        org('medicare', 'Medicare', ORG_TYPE, 'pay'),
        org('hospital', 'Riverside Valley Medical Center', ORG_TYPE, 'prov'),
        org('other-nucc', 'General Acute Care Hospital', SYSTEMS.nucc, '282N00000X'),
        org('untyped-owner', 'Old Directory Vans'),
        org('untyped', 'Somebody'),
      ],
      tasks: [task('t1', 'Organization/untyped-owner')],
    });
    expect([...parsed.vendorNames.keys()].sort()).toEqual(['Organization/hh', 'Organization/untyped-owner', 'Organization/van']);
  });

  it('on the sandbox seed lists every vendor and no payer or hospital', () => {
    const seed = generateSeed({ seed: 42, now: new Date('2026-03-10T14:00:00Z') });
    const report = computeAllMetrics(inputFromResources(seed), { from: '2025-12-01T00:00:00Z', to: '2026-03-11T00:00:00Z' });
    const names = Object.values(report.vendorNames);
    const vendorOrgs = seed.filter((r) => r.resourceType === 'HealthcareService').map((r) => r.providedBy?.reference);
    expect(Object.keys(report.vendorNames).sort()).toEqual([...new Set(vendorOrgs)].sort());
    for (const notVendor of ['Medicare', 'Ohio Medicaid', 'Buckeye Health Plan', 'Summit Mutual Insurance', 'Riverside Valley Medical Center']) {
      expect(names).not.toContain(notVendor);
    }
    const all = seed.filter((r) => r.resourceType === 'Organization').map((r) => r.name);
    expect(all).toEqual(expect.arrayContaining(['Medicare', 'Riverside Valley Medical Center']));
  });
});
