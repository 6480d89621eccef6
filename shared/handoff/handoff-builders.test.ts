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
    expect(value(sbar.items, 'assessment')).toBe('Wheelchair dependence (Z99.3): wheelchair van. Oxygen for the trip: yes. Escort: no.');
    expect(value(sbar.items, 'recommendation')).toBe('Pickup 2026-11-23T10:00:00Z; drop-off: 1 Main St, Columbus. Received by: the patient at home (or a caregiver).');
  });

  it('says what is missing instead of inventing it', () => {
    const sbar = buildSbar({ conditions: [], bookings: [] }, { formatTime: () => 'never' });
    expect(value(sbar.items, 'situation')).toBe('The patient: Transport for discharge.');
    expect(value(sbar.items, 'background')).toBe('No active mobility needs on the chart.');
    expect(value(sbar.items, 'recommendation')).toBe('Pickup time not set; drop-off: not set. Received by: the patient at home (or a caregiver).');
  });

  it('marks an unconfirmed time as requested and uses the given formatter', () => {
    const sbar = buildSbar(chart, { booking: { ...booking, timeIsConfirmed: false }, formatTime: () => 'Mon 10:00' });
    expect(value(sbar.items, 'recommendation')).toBe('Pickup requested Mon 10:00; drop-off: 1 Main St, Columbus. Received by: the patient at home (or a caregiver).');
  });
});

describe('buildIpass', () => {
  it('defaults illness severity to Watcher (the word, not the code) and leaves the synthesis to the receiver', () => {
    const ipass = buildIpass(chart);
    expect(ipass.kind).toBe('ipass');
    expect(ipass.items.map((i) => i.linkId)).toEqual(['illness-severity', 'patient-summary', 'action-list', 'situation-awareness', 'synthesis']);
    expect(value(ipass.items, 'illness-severity')).toBe('Watcher');
    expect(value(ipass.items, 'synthesis')).toBe('');
    expect(value(ipass.items, 'patient-summary')).toContain('Ada Lovelace, Wheelchair van for discharge (Home).');
    expect(value(ipass.items, 'action-list')).toBe('Pickup 2026-11-23T10:00:00Z; drop-off: 1 Main St, Columbus. Bring oxygen for the trip.');
  });
});

// pat-009-like: home health after cellulitis, an oxygen concentrator ordered for home.
const hhChart = {
  patient,
  conditions: [condition('L03.115'), condition('Z99.81'), condition('L89.153'), condition('I50.9', 'resolved')],
  bookings: [] as Booking[],
  proposal: { ...chart.proposal, disposition: 'Home with home health' },
};
const homeHealth: Booking = {
  ...booking, id: 'hh1', service: 'home-health', label: 'Home health referral', time: '2026-11-24T15:00:00Z', dueBy: '2026-11-25T10:00:00Z',
  orderDetails: ['home-health-nursing', 'home-health-pt'],
};
const concentrator: Booking = {
  ...booking, id: 'd1', resourceType: 'DeviceRequest', service: 'dme', label: 'DME: Oxygen concentrator', milestone: 'delivered',
  time: '2026-11-23T12:00:00Z', requestedEnd: '2026-11-23T16:00:00Z', note: 'Flow 2 L/min by nasal cannula, continuous',
};
hhChart.bookings = [homeHealth, concentrator];
const TRANSPORT_WORDS = /pickup|drop-off|wheelchair van|Oxygen: no|Oxygen for the trip/i;

describe('handoffs that fit the service', () => {
  it.each(['sbar', 'ipass'] as const)('home health %s: course, wounds, therapy, equipment delivered, first-visit deadline; no transport words', (kind) => {
    const draft = (kind === 'sbar' ? buildSbar : buildIpass)(hhChart, { booking: homeHealth });
    const text = draft.items.map((i) => i.value).join('\n');
    expect(text).not.toMatch(TRANSPORT_WORDS);
    expect(text).toContain('Display L03.115 (L03.115)');
    expect(text).toContain('Wounds: Display L89.153 (L89.153).');
    expect(text).toContain('skilled nursing, physical therapy');
    expect(text).toContain('Oxygen concentrator (Delivered)');
    expect(text).toContain('2026-11-25T10:00:00Z');
    expect(text).not.toContain('I50.9'); // resolved
    // Cellulitis is a diagnosis, not a mobility need.
    expect(text).not.toMatch(/mobility needs?:.*L03/i);
  });

  it('home health SBAR reads as a referral', () => {
    const sbar = buildSbar(hhChart, { booking: homeHealth });
    expect(value(sbar.items, 'situation')).toBe('Ada Lovelace: Home health referral for discharge (Home with home health).');
    expect(value(sbar.items, 'recommendation')).toBe('First visit 2026-11-24T15:00:00Z; must happen by 2026-11-25T10:00:00Z. Home: 1 Main St, Columbus.');
  });

  it('transport background lists only mobility conditions', () => {
    const sbar = buildSbar(hhChart, { booking });
    expect(value(sbar.items, 'background')).toBe('Active mobility needs: Display Z99.81 (Z99.81).');
  });

  it.each(['sbar', 'ipass'] as const)('DME %s: the item, its settings, the delivery window and who receives it; no pickup', (kind) => {
    const draft = (kind === 'sbar' ? buildSbar : buildIpass)(hhChart, { booking: concentrator });
    const text = draft.items.map((i) => i.value).join('\n');
    expect(text).toContain('Oxygen concentrator');
    expect(text).toContain('Flow 2 L/min by nasal cannula, continuous');
    expect(text).toContain('2026-11-23T12:00:00Z to 2026-11-23T16:00:00Z');
    expect(text).toContain('1 Main St, Columbus');
    expect(text).not.toMatch(/pickup|drop-off|wheelchair van/i);
  });

  it('DME SBAR says who receives the equipment', () => {
    expect(value(buildSbar(hhChart, { booking: concentrator }).items, 'recommendation')).toBe(
      'Delivery 2026-11-23T12:00:00Z to 2026-11-23T16:00:00Z; to: 1 Main St, Columbus. Received by: the patient or a caregiver at home.');
  });

  it('a transport to a facility is received by that facility', () => {
    const snf = { ...chart, proposal: { ...chart.proposal, disposition: 'Skilled nursing facility' } };
    expect(value(buildSbar(snf).items, 'recommendation')).toContain('Received by: the receiving skilled nursing facility.');
  });
});
