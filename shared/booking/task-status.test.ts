import { describe, expect, it } from 'vitest';
import { TransitionError } from '../errors/errors';
import { allowedNext, assertTransition, milestoneAllowed } from './task-status';

describe('Task status state machine', () => {
  it.each([
    ['draft', 'requested', 'requester'],
    ['requested', 'accepted', 'owner'],
    ['requested', 'cancelled', 'requester'],
    ['accepted', 'in-progress', 'owner'],
    ['in-progress', 'on-hold', 'owner'],
    ['on-hold', 'in-progress', 'owner'],
    ['in-progress', 'completed', 'owner'],
    ['completed', 'entered-in-error', 'requester'],
  ] as const)('%s → %s by the %s is allowed', (from, to, actor) => {
    const reason = ['cancelled', 'on-hold'].includes(to) ? 'because' : undefined;
    expect(() => assertTransition(from, to, actor, reason)).not.toThrow();
  });

  it('refuses a rewound rejected task with a message that says what is allowed', () => {
    expect(() => assertTransition('rejected', 'requested', 'requester')).toThrow(/from "rejected" a task can move to nothing \(it is final\)/);
  });

  it('refuses the vendor setting requester-only statuses and vice versa', () => {
    expect(() => assertTransition('requested', 'cancelled', 'owner', 'x')).toThrow(/only the requester/);
    expect(() => assertTransition('requested', 'accepted', 'requester')).toThrow(/only the vendor/);
    expect(() => assertTransition('accepted', 'entered-in-error', 'owner')).toThrow(TransitionError);
  });

  it('requires a reason for rejected, cancelled, on-hold and failed', () => {
    expect(() => assertTransition('requested', 'rejected', 'owner')).toThrow(/a reason is required/);
    expect(() => assertTransition('requested', 'rejected', 'owner', '  ')).toThrow(/a reason is required/);
    expect(() => assertTransition('accepted', 'failed', 'owner', 'patient not home')).not.toThrow();
  });

  it('refuses skipping requested (draft → accepted) and unknown statuses', () => {
    expect(() => assertTransition('draft', 'accepted', 'owner')).toThrow(/can move to requested, cancelled/);
    expect(() => assertTransition('ready', 'accepted', 'owner')).toThrow(/not a Task status/);
  });

  it('knows which milestones fit which status', () => {
    expect(milestoneAllowed('accepted', 'booked')).toBe(true);
    expect(milestoneAllowed('requested', 'booked')).toBe(false);
    expect(milestoneAllowed('cancelled', 'cancelled-by-patient')).toBe(true);
    expect(milestoneAllowed('completed', 'en-route')).toBe(false);
    expect(allowedNext('requested', 'owner')).toEqual(['accepted', 'rejected']);
  });
});
