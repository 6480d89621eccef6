import { describe, expect, it } from 'vitest';
import { draftFrom, transportMissing, type TransportForm } from './transport-form';

const form: TransportForm = {
  level: 'A0426', flags: ['stretcher'], needs: [], time: '2026-03-03T10:00', trip: 'one-way', returnTime: '',
  pcsPhysician: 'Dr. A', pcsReason: 'Cardiac monitoring', pcsDate: '2026-03-02',
  street: '1200 Maple Grove Rd', city: 'Columbus', state: 'OH', postalCode: '43229', vendor: '', note: '',
  dropoffRef: 'Location/loc-snf-1', dropoffName: 'Maple Grove Skilled Nursing',
};

describe('Confirm waits for what the chart asks', () => {
  it('unreadable needs: the level questions first', () => {
    expect(transportMissing(form, 'Organization/v', { unreadable: ['"Chest tube to suction"'] })).toMatch(/level-of-service questions/);
    expect(transportMissing({ ...form, answers: { canSit: false, canTransfer: false, canWalk: false, monitoring: 'advanced', oxygen: false, escort: false, bariatric: false } }, 'Organization/v', { unreadable: ['x'] })).toBeUndefined();
  });
  it('a facility disposition with none chosen', () => {
    expect(transportMissing(form, 'Organization/v', { unreadable: [], facilityRequired: true })).toBe('the receiving facility');
  });
  it('a drop-off or level departing from the chart needs a reason', () => {
    const chart = { unreadable: [], dropoffConflict: 'The drop-off is the home.' };
    expect(transportMissing(form, 'Organization/v', chart)).toBe('a reason for departing from the chart');
    expect(transportMissing({ ...form, departureReason: 'Family request' }, 'Organization/v', chart)).toBeUndefined();
    expect(transportMissing(form, 'Organization/v', { unreadable: [], levelBelowChart: 'below' })).toBe('a reason for departing from the chart');
  });
});

describe('the draft', () => {
  it('references the directory facility and carries the receiving unit, contact and chart needs in the note', () => {
    const d = draftFrom({ ...form, receivingUnit: '2 West', receivingContact: 'RN Ortiz' }, { patient: 'Patient/p', vendor: 'Organization/v', noteLines: ['From the chart: portable oxygen for the ride at 3 L/min.'] });
    expect(d.dropoff).toEqual({ reference: 'Location/loc-snf-1', kind: 'snf', name: 'Maple Grove Skilled Nursing' });
    expect(d.note).toContain('From the chart: portable oxygen for the ride at 3 L/min. Receiving unit: 2 West. Receiving contact: RN Ortiz.');
  });
  it('a typed address makes a new Location', () => {
    const d = draftFrom({ ...form, dropoffRef: undefined, dropoffName: undefined }, { patient: 'Patient/p', vendor: 'Organization/v' });
    expect(d.dropoff).toMatchObject({ kind: 'residence', address: { line: ['1200 Maple Grove Rd'], postalCode: '43229' } });
  });
});
