import { describe, expect, it } from 'vitest';
import { isEnded, milestoneLabel, timeTitle, timeWord } from './booking-words';

describe('words per service', () => {
  it.each([['transport', 'pickup', 'Pickup'], ['home-health', 'visit', 'Visit'], ['dme', 'delivery', 'Delivery']] as const)('%s → %s', (service, noun, title) => {
    expect(timeWord(service)).toBe(noun);
    expect(timeTitle(service)).toBe(title);
  });

  it.each<[string, { taskStatus?: string; requestStatus: string }, boolean]>([
    ['a cancelled Task', { taskStatus: 'cancelled', requestStatus: 'revoked' }, true],
    ['a revoked order whose Task was not written yet', { requestStatus: 'revoked' }, true],
    ['a declined Task', { taskStatus: 'rejected', requestStatus: 'active' }, true],
    ['a booked one', { taskStatus: 'accepted', requestStatus: 'active' }, false],
    ['a completed one (it keeps its time)', { taskStatus: 'completed', requestStatus: 'completed' }, false],
  ])('%s has ended: %s', (_what, b, ended) => {
    expect(isEnded(b)).toBe(ended);
  });

  it('labels statuses in words, never raw codes', () => {
    expect(milestoneLabel({ milestone: 'cancelled-by-patient', requestStatus: 'revoked' })).toBe('Cancelled (patient)');
    expect(milestoneLabel({ taskStatus: 'in-progress', requestStatus: 'active' })).toBe('In progress');
    expect(milestoneLabel({ requestStatus: 'revoked' })).toBe('Cancelled');
  });
});
