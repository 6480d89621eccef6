// @vitest-environment jsdom
// The detector and extractor over every fixture page: the right fields on
// discharge screens, nothing at all on the others.
import { describe, expect, it } from 'vitest';
import type { DischargeContext } from '../messages';
import { scanSubtree } from './detect';
import { fixtureDocument as fixture } from './test-fixtures';

const DISCHARGE_PAGES: Record<string, { context: DischargeContext; sectionTag: string }> = {
  'sandbox-discharge.html': {
    sectionTag: 'SECTION',
    context: {
      source: 'sandbox', patientId: 'pat-001', encounterId: 'enc-001', patientName: 'Ada Lovelace', mrn: 'MRN-100001',
      birthDate: '1951-12-10', visit: 'V-2024-0042', unitBed: '4 West / 412-B', plannedDischarge: '2025-03-14T14:00:00Z',
      disposition: 'Home with home health', address: '12 Analytical Way, Springfield, IL 62701',
      mobilityNotes: 'Wheelchair; needs lift-equipped van',
    },
  },
  'legacy-table.html': {
    sectionTag: 'TABLE',
    context: {
      source: 'generic', patientName: 'GRACE HOPPER', mrn: '00482913', birthDate: '1936-12-09', visit: 'V88120034',
      unitBed: '3N-318-A', plannedDischarge: '2025-03-15T10:00', disposition: 'SKILLED NURSING FACILITY',
      mobilityNotes: 'Stretcher, O2 2L NC', address: '401 NAVY YARD RD ARLINGTON VA 22202',
    },
  },
  'aria-form.html': {
    sectionTag: 'DIV',
    context: {
      source: 'generic', patientName: 'Hamilton, Margaret H', birthDate: '1936-08-17', mrn: 'MRN 77-1200-5',
      visit: 'ENC-5521', unitBed: 'Cardiac Step-Down 7', disposition: 'Home with services', plannedDischarge: '2025-03-16',
      mobilityNotes: 'Walker; can transfer with one assist', address: '8 Apollo Ct, Houston, TX 77058',
    },
  },
  'colon-text.html': {
    sectionTag: 'DIV',
    context: {
      source: 'generic', patientName: 'Katherine Johnson', mrn: '5550193', birthDate: '1918-08-26', visit: 'AC-77013',
      unitBed: 'Med-Surg 5 East, bed 22', disposition: 'Assisted living', plannedDischarge: '2025-03-17T13:00',
      mobilityNotes: 'Independent with cane',
    },
  },
};

describe('discharge screens', () => {
  for (const [name, want] of Object.entries(DISCHARGE_PAGES)) {
    it(`reads every field from ${name}`, () => {
      const found = scanSubtree(fixture(name));
      expect(found?.context).toEqual(want.context);
      expect(found?.section.tagName).toBe(want.sectionTag);
    });
  }

  it('mounts next to the sandbox section, not the page heading', () => {
    expect(scanSubtree(fixture('sandbox-discharge.html'))?.section.id).toBe('discharge-planning');
  });

  it('cuts over-long values to the schema bounds and drops ids that are not FHIR ids', () => {
    const doc = fixture('sandbox-discharge.html');
    const section = doc.querySelector('[data-ehr-screen]');
    section?.setAttribute('data-patient-id', 'pat 001; drop');
    const notes = [...doc.querySelectorAll('dt')].find((dt) => dt.textContent === 'Mobility notes')?.nextElementSibling;
    if (notes) notes.textContent = 'x'.repeat(5000);
    const context = scanSubtree(doc)?.context;
    expect(context?.patientId).toBeUndefined();
    expect(context?.mobilityNotes).toHaveLength(500);
  });
});

describe('other pages', () => {
  for (const name of ['lab-results.html', 'patient-list.html', 'sandbox-chart.html', 'spa-late.html']) {
    it(`stays silent on ${name}`, () => {
      expect(scanSubtree(fixture(name))).toBeUndefined();
    });
  }
});
