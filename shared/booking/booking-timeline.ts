// A booking's timeline and its cancellation, in the nurse's words: every milestone
// Provenance on its vendor Tasks (a cancel with its reason and, if late, so marked),
// the vendor's acknowledgement of a cancel, and the handoffs attached and acknowledged.
import { z } from 'zod';
import { SYSTEMS, TASK_PARAMS } from '../fhir/codes';
import { CodeableConcept } from '../fhir/datatypes';
import { HANDOFF_ACKNOWLEDGED, HANDOFF_LABELS, handoffKindOf } from '../fhir/handoff-codes';
import { codeIn, hasCode } from '../fhir/refs';
import type { TProvenance, TQuestionnaireResponse, TTask } from '../fhir/schemas';
import {
  CANCELLATION_ACKNOWLEDGED, cancelReasonOf, describeCancelReason, isCancelReason, lateCancelOf, type CancelReason,
} from './cancel-reasons';

export interface TimelineEntry {
  at: string;
  /** A milestone code, or a step on the booking ('cancellation-acknowledged', 'handoff-attached', 'handoff-acknowledged'). */
  milestone: string;
  by?: string;
  /** The words that go with it: a cancel's reason, which handoff. */
  detail?: string;
  /** Said instead of the milestone's label (a text to the patient and its words, the patient's reply). */
  text?: string;
}

export interface Cancellation {
  reason?: CancelReason;
  /** "Family or own transport: Family will drive" (or the words alone for an uncoded reason). */
  description?: string;
  /** The milestone the vehicle had reached: set only for a late cancel. */
  lateAfter?: string;
  /** The vendor acknowledged the cancel (a Provenance of its own on the Task). */
  acknowledged: boolean;
}

const Reasons = z.array(CodeableConcept);
const bare = (reference: string | undefined) => reference?.replace(/\/_history\/.*$/, '');

export function timelineOf(provenance: TProvenance[], orgNames: Map<string, string>): TimelineEntry[] {
  return provenance.map((p) => {
    const who = p.agent[0]?.who;
    const by = who?.reference ? orgNames.get(who.reference) ?? who.display : who?.display;
    const acknowledged = hasCode(p.activity, CANCELLATION_ACKNOWLEDGED.system, CANCELLATION_ACKNOWLEDGED.code);
    const milestone = acknowledged ? CANCELLATION_ACKNOWLEDGED.code : codeIn(p.activity, SYSTEMS.milestone) ?? 'updated';
    const detail = milestone.startsWith('cancelled-by-') ? cancelDetail(p) : undefined;
    return { at: p.recorded, milestone, ...(by ? { by } : {}), ...(detail ? { detail } : {}) };
  });
}

function cancelDetail(p: TProvenance): string | undefined {
  const reason = Reasons.safeParse(p['reason']).data?.[0];
  const code = codeIn(reason, SYSTEMS.cancelReason);
  const words = describeCancelReason(isCancelReason(code) ? code : undefined, reason?.text);
  const late = lateCancelOf(p);
  return [words, late ? lateWords(late) : undefined].filter(Boolean).join('; ') || undefined;
}

export function lateWords(milestone: string): string {
  return milestone === 'picked-up' ? 'late cancel: the patient was already picked up' : 'late cancel: the vehicle was en route';
}

/** The current attempt's cancellation; undefined unless it is cancelled. */
export function cancellationOf(task: TTask, provenance: TProvenance[]): Cancellation | undefined {
  if (task.status !== 'cancelled') return undefined;
  const reason = cancelReasonOf(task);
  const description = describeCancelReason(reason, task.statusReason?.text);
  const lateAfter = lateCancelOf(task);
  const acknowledged = provenance.some((p) => hasCode(p.activity, CANCELLATION_ACKNOWLEDGED.system, CANCELLATION_ACKNOWLEDGED.code));
  return { ...(reason ? { reason } : {}), ...(description ? { description } : {}), ...(lateAfter ? { lateAfter } : {}), acknowledged };
}

/** Handoffs on the booking's Tasks: when each was attached (and which), and each acknowledgement. */
export function handoffTimeline(tasks: TTask[], handoffs: Map<string, TQuestionnaireResponse>, provenance: TProvenance[]): TimelineEntry[] {
  const refs = new Set(tasks.flatMap((t) => (t.input ?? [])
    .filter((p) => codeIn(p.type, SYSTEMS.taskParam) === TASK_PARAMS.handoff)
    .map((p) => bare(p.valueReference?.reference))
    .filter((r): r is string => Boolean(r?.startsWith('QuestionnaireResponse/')))));
  const out: TimelineEntry[] = [];
  for (const ref of refs) {
    const response = handoffs.get(ref);
    const kind = handoffKindOf(response?.questionnaire);
    if (response?.authored) out.push({ at: response.authored, milestone: 'handoff-attached', ...(kind ? { detail: HANDOFF_LABELS[kind] } : {}) });
    for (const p of provenance) {
      if (!hasCode(p.activity, HANDOFF_ACKNOWLEDGED.system, HANDOFF_ACKNOWLEDGED.code) || !p.target.some((t) => bare(t.reference) === ref)) continue;
      out.push({ at: p.recorded, milestone: 'handoff-acknowledged', ...(kind ? { detail: HANDOFF_LABELS[kind] } : {}) });
    }
  }
  return out;
}
