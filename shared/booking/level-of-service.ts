// The short level-of-service questionnaire: a few yes/no questions a nurse can
// answer at the bedside, turned into an HCPCS level WITH the reason, so the
// choice can be checked (and defended to the payer) rather than guessed.
import { TRANSPORT_LEVELS, type Capability, type TransportLevel } from '../fhir/codes';

export type Monitoring = 'none' | 'basic' | 'advanced' | 'critical';

export interface LevelAnswers {
  /** Can sit upright for the whole trip. */
  canSit: boolean;
  /** Can move bed → chair → vehicle seat (alone or with one helper). */
  canTransfer: boolean;
  /** Can walk to the vehicle, with help if needed. */
  canWalk: boolean;
  /** basic: oxygen titration, vitals, suction (BLS); advanced: cardiac monitor, IV line (ALS); critical: titrated drips, ventilator (specialty care transport). */
  monitoring: Monitoring;
  oxygen: boolean;
  escort: boolean;
  bariatric: boolean;
}

export interface LevelProposal {
  level: TransportLevel;
  reason: string;
  /** Capabilities the vendor must have for this level and these answers. */
  flags: Capability[];
  /** Ambulance levels need a Physician Certification Statement. */
  needsPcs: boolean;
}

export function proposeLevel(a: LevelAnswers): LevelProposal {
  const [level, why] = levelOf(a);
  const extras: string[] = [];
  const flags: Capability[] = [];
  if (level === 'A0130') flags.push('wheelchair');
  if (level === 'T2005') flags.push('stretcher');
  if (a.oxygen) {
    flags.push('oxygen');
    extras.push('carries oxygen');
  }
  if (a.bariatric) {
    flags.push('bariatric');
    extras.push('bariatric equipment');
  }
  if (a.escort) {
    flags.push('escort');
    extras.push('an escort rides along');
  }
  const reason = `${why}: ${TRANSPORT_LEVELS[level].display.toLowerCase()} (${level})${extras.length ? `; ${extras.join(', ')}` : ''}.`;
  return { level, reason, flags, needsPcs: TRANSPORT_LEVELS[level].ambulance };
}

function levelOf(a: LevelAnswers): [TransportLevel, string] {
  if (a.monitoring === 'critical') return ['A0434', 'Needs critical care en route (titrated drips or a ventilator)'];
  if (a.monitoring === 'advanced') return ['A0426', 'Needs advanced monitoring en route (cardiac monitor or IV)'];
  if (a.monitoring === 'basic') return ['A0428', 'Needs medical monitoring en route'];
  if (!a.canSit) return ['T2005', 'Cannot sit for the trip and needs no monitoring'];
  if (!a.canWalk || !a.canTransfer) return ['A0130', a.canTransfer ? 'Sits, but cannot walk to the vehicle' : 'Sits, but cannot transfer without equipment'];
  return ['A0100', 'Sits, transfers and walks with help'];
}

/** The answers that would lead to a given level (used to prefill the questionnaire from the chart's proposal). */
export function answersFor(level: TransportLevel, flags: readonly Capability[] = []): LevelAnswers {
  const base: LevelAnswers = {
    canSit: true, canTransfer: true, canWalk: true, monitoring: 'none',
    oxygen: flags.includes('oxygen'), escort: flags.includes('escort'), bariatric: flags.includes('bariatric'),
  };
  switch (level) {
    case 'A0434': return { ...base, canSit: false, canWalk: false, monitoring: 'critical' };
    case 'A0426': return { ...base, canSit: false, canWalk: false, monitoring: 'advanced' };
    case 'A0428': return { ...base, canSit: false, canWalk: false, monitoring: 'basic' };
    case 'T2005': return { ...base, canSit: false, canWalk: false };
    case 'A0130': return { ...base, canWalk: false };
    default: return base;
  }
}
