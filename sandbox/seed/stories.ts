// Patient story archetypes: diagnosis, mobility, disposition and what they need
// at discharge hang together (a bed-bound patient goes by stretcher, not taxi).
import type { DME_ITEMS, MOBILITY_CONDITIONS, TransportLevel, Capability } from '../../shared/fhir/codes';

export type Disposition = 'home' | 'hh' | 'snf';

export interface Story {
  label: string;
  dx: { code: string; display: string };
  mobility: (keyof typeof MOBILITY_CONDITIONS)[];
  disposition: Disposition;
  level: TransportLevel;
  capabilities: Capability[];
  dme?: keyof typeof DME_ITEMS;
  notes: string;
  goals: { text: string; measure: string; detail: string }[];
  ageRange: [number, number];
}

const MED_REC = { text: 'Patient can state purpose and schedule of each discharge medication', measure: 'Teach-back of medication list', detail: '100% of medications correct on teach-back' };
const FOLLOW_UP = { text: 'Follow-up appointment with primary care within 7 days of discharge', measure: 'PCP visit completed', detail: 'Visit on or before day 7' };
const SAFE_RIDE = { text: 'Patient arrives at discharge destination safely with needed equipment', measure: 'Arrival confirmed by caregiver', detail: 'Arrival confirmed on discharge day' };

export const STORIES: Story[] = [
  { label: 'Pneumonia, ambulatory', dx: { code: 'J18.9', display: 'Pneumonia, unspecified organism' }, mobility: [],
    disposition: 'home', level: 'A0100', capabilities: ['ambulatory'], notes: 'Independent; walks with steady gait',
    goals: [MED_REC, FOLLOW_UP], ageRange: [35, 70] },
  { label: 'CHF on home oxygen', dx: { code: 'I50.9', display: 'Heart failure, unspecified' }, mobility: ['Z99.81'],
    disposition: 'hh', level: 'A0130', capabilities: ['wheelchair', 'oxygen'], dme: 'E1390', notes: 'O2 2L NC; short distances only, wheelchair for transfers',
    goals: [MED_REC, { text: 'Daily weights logged at home', measure: 'Weight log entries', detail: '7 of 7 days in first week' }, SAFE_RIDE], ageRange: [62, 90] },
  { label: 'Hip fracture after ORIF', dx: { code: 'S72.001A', display: 'Fracture of unspecified part of neck of right femur, initial encounter' }, mobility: ['Z99.3'],
    disposition: 'hh', level: 'A0130', capabilities: ['wheelchair'], dme: 'E0143', notes: 'Needs 1-person assist; touch-down weight bearing RLE',
    goals: [{ text: 'Walks 50 feet with walker at home', measure: 'Ambulation distance with walker', detail: '50 ft with standby assist' }, SAFE_RIDE], ageRange: [68, 95] },
  { label: 'Stroke, bed-bound', dx: { code: 'I63.9', display: 'Cerebral infarction, unspecified' }, mobility: ['Z74.01'],
    disposition: 'snf', level: 'T2005', capabilities: ['stretcher'], notes: 'Needs 2-person assist; aspiration precautions',
    goals: [SAFE_RIDE, { text: 'Handoff to SNF acknowledged before departure', measure: 'SBAR handoff acknowledged', detail: 'Acknowledged by receiving nurse' }], ageRange: [60, 92] },
  { label: 'COPD exacerbation', dx: { code: 'J44.1', display: 'Chronic obstructive pulmonary disease with (acute) exacerbation' }, mobility: ['Z99.81'],
    disposition: 'home', level: 'A0130', capabilities: ['wheelchair', 'oxygen'], dme: 'E1390', notes: 'O2 3L NC; portable tank needed for the ride',
    goals: [MED_REC, { text: 'Uses inhalers with correct technique', measure: 'Inhaler technique check', detail: 'Correct technique demonstrated' }], ageRange: [55, 85] },
  { label: 'Cellulitis, wheelchair user', dx: { code: 'L03.90', display: 'Cellulitis, unspecified' }, mobility: ['Z99.3'],
    disposition: 'hh', level: 'A0130', capabilities: ['wheelchair'], notes: 'Uses own power wheelchair; needs ramp van',
    goals: [{ text: 'Wound care performed by home health nursing', measure: 'Wound measurements documented', detail: 'Area reduced by 50% in 2 weeks' }, FOLLOW_UP], ageRange: [30, 75] },
  { label: 'Sepsis, deconditioned and bariatric', dx: { code: 'A41.9', display: 'Sepsis, unspecified organism' }, mobility: ['Z74.01', 'Z99.81'],
    disposition: 'snf', level: 'A0428', capabilities: ['bls', 'stretcher', 'oxygen', 'bariatric'], notes: 'Bariatric stretcher; O2 4L NC; 2-person assist',
    goals: [SAFE_RIDE, { text: 'Participates in 30 minutes of rehab therapy daily', measure: 'Therapy minutes per day', detail: '30 minutes' }], ageRange: [45, 80] },
  { label: 'NSTEMI on telemetry', dx: { code: 'I21.4', display: 'Non-ST elevation (NSTEMI) myocardial infarction' }, mobility: ['Z74.01'],
    disposition: 'snf', level: 'A0426', capabilities: ['als', 'stretcher'], notes: 'Cardiac monitoring during transfer; bed-bound',
    goals: [SAFE_RIDE, MED_REC, FOLLOW_UP], ageRange: [58, 88] },
];
