import { describe, expect, it } from 'vitest';
import { firstVisitDue, homeHealthDraft, type HomeHealthForm } from './home-health-form';

const H = 3_600_000;
const referral = new Date('2026-03-02T09:00:00Z');
const discharge = '2026-03-03T14:00:00Z';

describe('first visit due, as 42 CFR 484.55(a) words it', () => {
  it('the default plan (start of care the day after discharge) is within 48 h of the return home: no warning', () => {
    const rule = firstVisitDue(referral, { returnHomeAt: discharge });
    expect(rule.basis).toBe('return home');
    expect(rule.due).toBe(new Date(Date.parse(discharge) + 48 * H).toISOString());
    const defaultStart = Date.parse(discharge) + 24 * H;
    expect(defaultStart).toBeLessThan(Date.parse(rule.due));
    expect(rule.words).toMatch(/return home/);
  });
  it('a referral after the patient is home counts from the referral', () => {
    const rule = firstVisitDue(referral, { returnHomeAt: '2026-03-01T10:00:00Z' });
    expect(rule.basis).toBe('referral');
    expect(rule.due).toBe('2026-03-04T09:00:00.000Z');
  });
  it('no discharge on the chart: from the referral', () => {
    expect(firstVisitDue(referral).basis).toBe('referral');
  });
  it('a start-of-care date the physician ordered is the due date, whatever else', () => {
    const rule = firstVisitDue(referral, { returnHomeAt: discharge, orderedStartOfCare: '2026-03-07T10:00:00Z' });
    expect(rule).toMatchObject({ basis: 'ordered start of care', due: '2026-03-07T10:00:00.000Z' });
    expect(rule.words).toMatch(/physician ordered/);
  });
  it('the draft carries the deadline that applies, and says which in the note', () => {
    const form: HomeHealthForm = { disciplines: ['home-health-nursing'], startOfCare: '', street: '1 A St', city: 'Columbus', state: 'OH', postalCode: '43215', vendor: 'Organization/v', note: '' };
    const draft = homeHealthDraft(form, { patient: 'Patient/p', vendor: 'Organization/v', returnHomeAt: discharge }, referral);
    expect(draft.dueBy).toBe(new Date(Date.parse(discharge) + 48 * H).toISOString());
    expect(draft.note).toContain("First visit: 48 hours after the patient's return home");
  });
});
