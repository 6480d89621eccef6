// The hand-written reply check must accept what the background sends and reject
// anything else (it replaces zod in the content script).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookingSummary } from '../messages';
import { isBookingSummary, summaryLines } from './booking-summary';

describe('isBookingSummary', () => {
  it('agrees with the zod schema on arbitrary input', () => {
    const booking = fc.record({ label: fc.string(), status: fc.oneof(fc.string(), fc.integer()), time: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: ['label'] });
    const summary = fc.record({
      signedIn: fc.oneof(fc.boolean(), fc.constant('yes')),
      bookings: fc.array(booking, { maxLength: 55 }),
      error: fc.option(fc.string(), { nil: undefined }),
      patientId: fc.option(fc.oneof(fc.string(), fc.constant(7)), { nil: undefined }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.oneof(summary, fc.anything()), (input) => {
      expect(isBookingSummary(input)).toBe(BookingSummary.safeParse(input).success);
    }), { numRuns: 500 });
  });
});

describe('summaryLines', () => {
  it('says how many bookings and lists each', () => {
    expect(summaryLines({ signedIn: true, bookings: [{ label: 'Wheelchair van', status: 'Booked', time: '14:30' }, { label: 'DME', status: 'Requested' }] }))
      .toEqual({ headline: '2 bookings:', items: ['Wheelchair van — Booked 14:30', 'DME — Requested'] });
  });

  it('puts sign-in before anything else', () => {
    expect(summaryLines({ signedIn: false, bookings: [], error: 'x' }).headline).toBe('Sign in to CareRelay to see bookings');
  });

  it('shortens very long vendor text', () => {
    const { items } = summaryLines({ signedIn: true, bookings: [{ label: 'x'.repeat(500), status: 'Booked' }] });
    expect(items[0]).toHaveLength(120);
  });
});
