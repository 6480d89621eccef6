// Canonicals and codes for structured handoffs (docs/domain.md, "Handoffs").
import { SYSTEMS } from './codes';

export const HANDOFF_KINDS = ['sbar', 'ipass'] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

const QUESTIONNAIRE_BASE = 'https://carerelay.example.org/fhir/Questionnaire';

/** QuestionnaireResponse.questionnaire (canonical|version): how a reader tells SBAR from I-PASS. */
export const HANDOFF_QUESTIONNAIRES: Record<HandoffKind, string> = {
  sbar: `${QUESTIONNAIRE_BASE}/sbar|1`,
  ipass: `${QUESTIONNAIRE_BASE}/ipass|1`,
};

export const HANDOFF_LABELS: Record<HandoffKind, string> = { sbar: 'SBAR', ipass: 'I-PASS' };

/**
 * Provenance.activity of the receiver's acknowledgement. It is a workflow step, not a
 * vendor milestone (SYSTEMS.milestone is Task.businessStatus, which the ack does not change),
 * so it lives in SYSTEMS.step.
 */
export const HANDOFF_ACKNOWLEDGED = { system: SYSTEMS.step, code: 'handoff-acknowledged' } as const;

export const ILLNESS_SEVERITIES = ['stable', 'watcher', 'unstable'] as const;
export type IllnessSeverity = (typeof ILLNESS_SEVERITIES)[number];

/** What the sender picks and the receiver reads (the I-PASS words, never the code). */
export const ILLNESS_SEVERITY_LABELS: Readonly<Record<IllnessSeverity, string>> = { stable: 'Stable', watcher: 'Watcher', unstable: 'Unstable' };
export const severityLabel = (s: IllnessSeverity) => ILLNESS_SEVERITY_LABELS[s];

export function handoffKindOf(questionnaire: string | undefined): HandoffKind | undefined {
  return HANDOFF_KINDS.find((k) => HANDOFF_QUESTIONNAIRES[k] === questionnaire);
}
