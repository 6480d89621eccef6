import { describe, expect, it } from 'vitest';
import { detailLookup } from './booking-detail';
import { fixture } from './fixture';
import { milestone } from './fixture-builders';

const at = (s: string) => Date.parse(s);

describe('detailLookup (what a drill-down row shows)', () => {
  const { detail, vendorName } = detailLookup(fixture);

  it('B2: the request, the declined attempt, the re-dispatch and its milestones, in time order', () => {
    const b = detail('ServiceRequest/t2');
    expect(b).toMatchObject({
      booking: 'ServiceRequest/t2', patient: 'Patient/p2', serviceType: 'transport', requestedAt: at('2025-03-04T09:15:00Z'),
      vendor: 'Organization/swift', state: 'picked-up', attempts: 2,
    });
    expect(b?.timeline.map((e) => [e.kind, e.code ?? e.vendor ?? '', new Date(e.at ?? 0).toISOString().slice(5, 16)])).toEqual([
      ['discharge-order', '', '03-04T09:00'],
      ['requested', '', '03-04T09:15'],
      ['asked', 'Organization/care', '03-04T09:15'],
      ['milestone', 'declined', '03-04T09:45'],
      ['asked', 'Organization/swift', '03-04T09:50'],
      ['milestone', 'accepted', '03-04T10:00'],
      ['milestone', 'booked', '03-04T12:00'],
      ['message', '', '03-05T13:00'],
      ['scheduled', 'booked', '03-05T14:00'],
      ['milestone', 'picked-up', '03-05T14:30'],
    ]);
  });

  it('the scheduled time says whether the patient confirmed it', () => {
    expect(detail('ServiceRequest/t2')?.timeline.find((e) => e.kind === 'scheduled')?.patientConfirmed).toBe(false);
    expect(detail('ServiceRequest/t1')?.timeline.find((e) => e.kind === 'scheduled')?.patientConfirmed).toBe(true);
  });

  it("a Task with a 'sent' milestone is asked once, at the milestone's time", () => {
    const withSent = detailLookup({ ...fixture, provenances: [...fixture.provenances, milestone('sent9', 'Task/T9a', 'sent', '2025-03-20T08:00:05Z')] });
    const asked = withSent.detail('ServiceRequest/t9')?.timeline.filter((e) => e.kind === 'asked' || e.code === 'sent');
    expect(asked).toEqual([{ at: at('2025-03-20T08:00:05Z'), kind: 'asked', vendor: 'Organization/swift' }]);
    // Without it, the Task's own time.
    expect(detail('ServiceRequest/t9')?.timeline.filter((e) => e.kind === 'asked')).toEqual([{ at: at('2025-03-20T08:00:00Z'), kind: 'asked', vendor: 'Organization/swift' }]);
  });

  it('a Task id shows that attempt (vendor and state), not the last one', () => {
    expect(detail('Task/T2a')).toMatchObject({ id: 'Task/T2a', booking: 'ServiceRequest/t2', vendor: 'Organization/care', state: 'declined' });
  });

  it("home health: the vendor's first call to the patient is on the timeline though it names no request", () => {
    const b = detail('ServiceRequest/h6');
    const messages = b?.timeline.filter((e) => e.kind === 'message');
    expect(messages).toEqual([{ at: at('2025-03-11T12:00:00Z'), kind: 'message', vendor: 'Organization/hh', fromVendor: true }]);
    expect(b?.timeline.some((e) => e.kind === 'discharge-order')).toBe(false);
  });

  it('an untimed milestone sorts last and is not the state', () => {
    const b = detail('ServiceRequest/t5');
    expect(b?.timeline.at(-1)).toMatchObject({ kind: 'milestone', code: 'accepted', at: undefined });
    expect(b?.state).toBe('picked-up');
  });

  it('unknown ids give undefined; vendor names come from the Organizations', () => {
    expect(detail('ServiceRequest/nope')).toBeUndefined();
    expect(detail('Task/nope')).toBeUndefined();
    expect(vendorName('Organization/swift')).toBe('Swift Van');
    expect(vendorName(undefined)).toBeUndefined();
  });
});
