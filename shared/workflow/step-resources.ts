// The resources the trigger rules create, shaped as docs/fhir-model.md describes
// internal steps: Task with code SYSTEMS.step, owner → PractitionerRole.
import { SNOMED, SYSTEMS } from '../fhir/codes';

export interface StepTaskInput {
  identifier: string;
  kind: string;
  description: string;
  patient: string;
  encounter?: string;
  focus: string;
  owner?: string;
  partOf?: string;
  dueBy?: string;
  now: string;
}

export function stepTask(i: StepTaskInput): Record<string, unknown> {
  return {
    resourceType: 'Task',
    identifier: [{ system: SYSTEMS.bookingId, value: i.identifier }],
    // requested, not draft: the owner is expected to act now, and the worklist shows requested steps.
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: SYSTEMS.step, code: i.kind }] },
    description: i.description,
    focus: { reference: i.focus },
    for: { reference: i.patient },
    ...(i.encounter ? { encounter: { reference: i.encounter } } : {}),
    ...(i.owner ? { owner: { reference: i.owner } } : {}),
    ...(i.partOf ? { partOf: [{ reference: i.partOf }] } : {}),
    ...(i.dueBy ? { restriction: { period: { end: i.dueBy } } } : {}),
    authoredOn: i.now,
    lastModified: i.now,
  };
}

export interface ReferralInput {
  identifier: string;
  patient: string;
  encounter?: string;
  /** The transport booking the referral follows from (the patient goes home on it). */
  basedOn: string;
  start?: string;
  requester?: string;
  now: string;
}

export function homeHealthReferral(i: ReferralInput): Record<string, unknown> {
  return {
    resourceType: 'ServiceRequest',
    identifier: [{ system: SYSTEMS.bookingId, value: i.identifier }],
    status: 'active',
    intent: 'order',
    category: [{ coding: [{ system: SYSTEMS.serviceType, code: 'home-health' }] }],
    code: { coding: [{ system: SYSTEMS.snomed, ...SNOMED.homeHealthReferral }] },
    subject: { reference: i.patient },
    ...(i.encounter ? { encounter: { reference: i.encounter } } : {}),
    basedOn: [{ reference: i.basedOn }],
    ...(i.start ? { occurrencePeriod: { start: i.start } } : {}),
    ...(i.requester ? { requester: { reference: i.requester } } : {}),
    authoredOn: i.now,
  };
}

/**
 * The referral's Task: no vendor chosen yet, so it is a draft owned by the case
 * manager (who books); choosing a vendor turns it into a normal vendor attempt.
 * Due within 48 hours of discharge: home health's first contact (42 CFR 484.55).
 */
export function referralTask(i: ReferralInput & { requestUrl: string; owner?: string; dueBy?: string }): Record<string, unknown> {
  return {
    resourceType: 'Task',
    identifier: [{ system: SYSTEMS.bookingId, value: `${i.identifier}-task` }],
    status: 'draft',
    intent: 'order',
    code: { coding: [{ system: SYSTEMS.taskCode, code: 'fulfill' }] },
    description: 'Home health referral: choose an agency',
    focus: { reference: i.requestUrl },
    for: { reference: i.patient },
    ...(i.encounter ? { encounter: { reference: i.encounter } } : {}),
    ...(i.owner ? { owner: { reference: i.owner } } : {}),
    ...(i.dueBy ? { restriction: { period: { end: i.dueBy } } } : {}),
    authoredOn: i.now,
    lastModified: i.now,
  };
}
