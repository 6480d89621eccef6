import { describe, expect, it } from 'vitest';
import { TRANSPORT_LEVEL_CODES } from '../fhir/codes';
import { answersFor, proposeLevel, type LevelAnswers } from './level-of-service';

const walks: LevelAnswers = { canSit: true, canTransfer: true, canWalk: true, monitoring: 'none', oxygen: false, escort: false, bariatric: false };

describe('proposeLevel', () => {
  it('A0100: sits, transfers and walks → taxi, no PCS', () => {
    expect(proposeLevel(walks)).toEqual({ level: 'A0100', reason: 'Sits, transfers and walks with help: ambulatory (taxi) (A0100).', flags: [], needsPcs: false });
  });

  it('A0130: cannot walk to the vehicle → wheelchair van, with the vendor flags', () => {
    const p = proposeLevel({ ...walks, canWalk: false, oxygen: true, escort: true });
    expect(p.level).toBe('A0130');
    expect(p.reason).toBe('Sits, but cannot walk to the vehicle: wheelchair van (A0130); carries oxygen, an escort rides along.');
    expect(p.flags).toEqual(['wheelchair', 'oxygen', 'escort']);
    expect(p.needsPcs).toBe(false);
  });

  it('A0130 also when the patient cannot transfer without equipment', () => {
    expect(proposeLevel({ ...walks, canTransfer: false }).reason).toMatch(/cannot transfer without equipment/);
  });

  it('T2005: cannot sit for the trip, no monitoring → stretcher van', () => {
    const p = proposeLevel({ ...walks, canSit: false, bariatric: true });
    expect(p).toMatchObject({ level: 'T2005', flags: ['stretcher', 'bariatric'], needsPcs: false });
    expect(p.reason).toMatch(/^Cannot sit for the trip and needs no monitoring: stretcher van \(T2005\); bariatric equipment\.$/);
  });

  it('A0428: basic monitoring → BLS ambulance, needs a PCS, whatever the mobility', () => {
    expect(proposeLevel({ ...walks, monitoring: 'basic' })).toMatchObject({ level: 'A0428', needsPcs: true, reason: expect.stringMatching(/monitoring en route: bls ambulance/) });
  });

  it('A0426: advanced monitoring → ALS ambulance, needs a PCS', () => {
    expect(proposeLevel({ ...walks, canSit: false, monitoring: 'advanced' })).toMatchObject({ level: 'A0426', needsPcs: true, flags: [] });
  });

  it('answersFor(level) round-trips to the same level for every level', () => {
    for (const level of TRANSPORT_LEVEL_CODES) expect(proposeLevel(answersFor(level)).level).toBe(level);
    expect(answersFor('A0130', ['oxygen']).oxygen).toBe(true);
  });
});
