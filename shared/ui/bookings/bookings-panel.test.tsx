import { describe, expect, it } from 'vitest';
import type { Booking } from '../../booking/booking-view';
import { bookingSummary } from './bookings-panel';

const at = '2026-11-23T15:05:00Z';
const hhmm = new Date(at).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
const booking = (over: Partial<Booking>): Booking => ({
  id: 'r', resourceType: 'ServiceRequest', service: 'transport', label: 'Wheelchair van', requestStatus: 'active', taskStatus: 'accepted',
  milestone: 'booked', time: at, timeIsConfirmed: true, confirmation: 'NEMT-1234', attempts: 1, notices: [], timeline: [],
  checkpoints: { booked: true, patientNotified: false, patientConfirmed: false, handoffAcknowledged: false }, ...over,
});

describe('the booking headline says pickup, visit or delivery, and a cancelled one no time', () => {
  it.each<[string, Partial<Booking>, string]>([
    ['transport', {}, `Booked, pickup ${hhmm}, confirmation #NEMT-1234`],
    ['home health', { service: 'home-health', label: 'Home health referral', confirmation: 'HH-1234' }, `Booked, visit ${hhmm}, confirmation #HH-1234`],
    ['DME delivered', { service: 'dme', resourceType: 'DeviceRequest', milestone: 'delivered', confirmation: 'DME-1234' }, `Delivered, delivery ${hhmm}, confirmation #DME-1234`],
    ['cancelled by the patient', { milestone: 'cancelled-by-patient', taskStatus: 'cancelled', requestStatus: 'revoked' }, 'Cancelled (patient)'],
    ['declined', { milestone: 'declined', taskStatus: 'rejected', confirmation: undefined }, 'Declined'],
    ['not yet confirmed by the vendor', { milestone: 'sent', taskStatus: 'requested', timeIsConfirmed: false, confirmation: undefined }, 'Sent to vendor'],
  ])('%s', (_what, over, text) => {
    expect(bookingSummary(booking(over))).toBe(text);
  });
});

describe('the timeline shows seconds only where events share a minute', () => {
  it('tells apart two events in the same minute, not a lone one', async () => {
    const { sharesMinute } = await import('./bookings-panel');
    const timeline = [{ at: '2026-11-23T15:04:10Z' }, { at: '2026-11-23T15:04:50Z' }, { at: '2026-11-23T15:06:00Z' }];
    expect(sharesMinute(timeline, '2026-11-23T15:04:10Z')).toBe(true);
    expect(sharesMinute(timeline, '2026-11-23T15:06:00Z')).toBe(false);
  });
});
