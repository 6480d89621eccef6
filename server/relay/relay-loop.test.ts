import { describe, expect, it, vi } from 'vitest';
import type { RuleOutcome } from '../../shared/workflow/run-rules';
import { describeOutcomes, startRelayLoop } from './relay';

const created: RuleOutcome = { rule: 'transport-request', key: 'pat-1', result: 'created' };

describe('the relay loop', () => {
  it('runs again after a failed tick, says what changed, and stops when told', async () => {
    const lines: string[] = [];
    let calls = 0;
    const tick = async (): Promise<RuleOutcome[]> => {
      calls += 1;
      if (calls === 1) throw new Error('FHIR server unreachable');
      return calls === 2 ? [created] : [];
    };
    const stop = startRelayLoop(tick, 0.01, (line) => lines.push(line));
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(3));
    stop();
    const after = calls;
    expect(lines[0]).toMatch(/relay tick failed: FHIR server unreachable/);
    expect(lines[1]).toMatch(/relay: transport-request pat-1 created$/);
    expect(lines[2]).toMatch(/relay: nothing to do$/);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls - after).toBeLessThanOrEqual(1);
  });

  it('refuses an interval that is not a positive number of seconds', () => {
    expect(() => startRelayLoop(async () => [], 0)).toThrow(/positive number of seconds/);
    expect(describeOutcomes([])).toBe('nothing to do');
  });
});
