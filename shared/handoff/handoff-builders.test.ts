import { describe, expect, it } from 'vitest';
import type { Booking } from '../booking/booking-view';
import type { TCondition, TPatient } from '../fhir/schemas';
import { buildIpass, buildSbar } from './handoff-builders';

const patient: TPatient = { resourceType: 'Patient', id: 'p1', name: [{ given: ['Ada'], family: 'Lovelace' }] };
const condition = (code: string, status = 'active'): TCondition => ({
  resourceType: 'Condition',
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code, display: `Display ${code}` }] },
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status }] },
});
const booking = {
  id: 'sr1', resourceType: 'ServiceRequest', service: 'transport', label: 'Wheelchair van', requestStatus: 'active',
  time: '2026-11-23T10:00:00Z', timeIsConfirmed: true, attempts: 1, timeline: [], notices: [],
  checkpoints: { booked: true, patientNotified: false, patientConfirmed: false, handoffAcknowledged: false },
} satisfies Booking;
const chart = {
  patient,
  conditions: [condition('Z99.3'), condition('Z99.81'), condition('Z74.01', 'resolved')],
  bookings: [booking],
  proposal: {
    level: 'A0130' as const, levelReason: 'Wheelchair dependence (Z99.3): wheelchair van.', flags: ['wheelchair' as const, 'oxygen' as const],
    dropoff: { address: { line: ['1 Main St'] }, label: '1 Main St, Columbus' }, disposition: 'Home',
  },
};
const value = (items: { linkId: string; value: string }[], linkId: string) => items.find((i) => i.linkId === linkId)?.value;

describe('buildSbar', () => {
  it('prefills the four sections from the chart and the booking', () => {
    const sbar = buildSbar(chart);
    expect(sbar.kind).toBe('sbar');
    expect(sbar.items.map((i) => i.linkId)).toEqual(['situation', 'background', 'assessment', 'recommendation']);
    expect(value(sbar.items, 'situation')).toBe('Ada Lovelace: Wheelchair van for discharge (Home).');
    // Only active conditions: the resolved bed confinement is not a current need.
    expect(value(sbar.items, 'background')).toBe('Active mobility needs: Display Z99.3 (Z99.3); Display Z99.81 (Z99.81).');
    expect(value(sbar.items, 'assessment')).toBe('Wheelchair dependence (Z99.3): wheelchair van. Oxygen: yes. Escort: no.');
    expect(value(sbar.items, 'recommendation')).toBe('Pickup 2026-11-23T10:00:00Z; drop-off: 1 Main St, Columbus.');
  });

  it('says what is missing instead of inventing it', () => {
    const sbar = buildSbar({ conditions: [], bookings: [] }, { formatTime: () => 'never' });
    expect(value(sbar.items, 'situation')).toBe('The patient: Transport for discharge.');
    expect(value(sbar.items, 'background')).toBe('No active mobility needs on the chart.');
    expect(value(sbar.items, 'recommendation')).toBe('Pickup time not set; drop-off: not set.');
  });

  it('marks an unconfirmed time as requested and uses the given formatter', () => {
    const sbar = buildSbar(chart, { booking: { ...booking, timeIsConfirmed: false }, formatTime: () => 'Mon 10:00' });
    expect(value(sbar.items, 'recommendation')).toBe('Pickup requested Mon 10:00; drop-off: 1 Main St, Columbus.');
  });
});

describe('buildIpass', () => {
  it('defaults illness severity to watcher and leaves the synthesis to the receiver', () => {
    const ipass = buildIpass(chart);
    expect(ipass.kind).toBe('ipass');
    expect(ipass.items.map((i) => i.linkId)).toEqual(['illness-severity', 'patient-summary', 'action-list', 'situation-awareness', 'synthesis']);
    expect(value(ipass.items, 'illness-severity')).toBe('watcher');
    expect(value(ipass.items, 'synthesis')).toBe('');
    expect(value(ipass.items, 'patient-summary')).toContain('Ada Lovelace, Wheelchair van for discharge (Home).');
    expect(value(ipass.items, 'action-list')).toBe('Pickup 2026-11-23T10:00:00Z; drop-off: 1 Main St, Columbus. Bring oxygen for the trip.');
  });
});
