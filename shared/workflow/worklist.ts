// The worklist: open steps across patients (tell the patient, book transport,
// vendor requests still awaiting an answer), soonest due first, overdue marked,
// filtered by owner (mine / my team's / unassigned), service and status.
import { STEP_KINDS, SYSTEMS } from '../fhir/codes';
import { codeIn, hasCode } from '../fhir/refs';
import type { TPractitionerRole, TServiceRequest, TTask } from '../fhir/schemas';
import { EXCEPTION_STEPS, type ExceptionStep } from './exception-rules';
import { ref, serviceCategory, stepKind } from './workflow-state';

export type WorklistKind = 'transport-request' | 'notify-patient' | 'patient-change' | 'vendor-answer' | ExceptionStep;

export interface WorklistItem {
  task: TTask;
  ref: string;
  kind: WorklistKind;
  patient?: string;
  service?: string;
  status: string;
  owner?: string;
  due?: string;
  overdue: boolean;
}

const KIND_LABELS: Record<WorklistKind, string> = {
  'transport-request': 'Book transport',
  'notify-patient': 'Tell the patient the pickup time',
  'patient-change': 'The patient asks to change the pickup',
  'vendor-answer': 'Awaiting vendor answer',
  'all-vendors-declined': 'All vendors declined: book by phone, change or cancel',
  'vendor-no-show': 'Vendor did not show: rebook',
};
export const kindLabel = (kind: WorklistKind): string => KIND_LABELS[kind];

/** Statuses the worklist query asks for; a vendor Task only counts while nobody has answered. */
export const WORKLIST_STATUSES = ['requested', 'accepted', 'in-progress'] as const;

function kindOf(task: TTask): WorklistKind | undefined {
  const step = stepKind(task);
  if (step === STEP_KINDS.transportRequest || step === STEP_KINDS.notifyPatient || step === STEP_KINDS.patientChange) return step;
  if (step === EXCEPTION_STEPS.allDeclined || step === EXCEPTION_STEPS.vendorNoShow) return step;
  if (hasCode(task.code, SYSTEMS.taskCode, STEP_KINDS.fulfill) && task.status === 'requested') return 'vendor-answer';
  return undefined;
}

export function buildWorklist(tasks: TTask[], requests: TServiceRequest[], now: Date): WorklistItem[] {
  const byRef = new Map(requests.map((r) => [ref(r), r]));
  const items: WorklistItem[] = [];
  for (const task of tasks) {
    const kind = kindOf(task);
    if (!kind || !task.id || !(WORKLIST_STATUSES as readonly string[]).includes(task.status)) continue;
    const focus = byRef.get(task.focus?.reference ?? '');
    const due = task.restriction?.period?.end;
    items.push({
      task, ref: ref(task), kind, patient: task.for?.reference, status: task.status, owner: task.owner?.reference, due,
      // A transport request's focus is the discharge order, which has no service category of its own.
      service: kind === 'transport-request' ? 'transport' : focus ? serviceCategory(focus) : undefined,
      overdue: due !== undefined && Date.parse(due) < now.getTime(),
    });
  }
  return items.sort(byDue);
}

/** Soonest due first; undated steps last; ties by Task reference so the order is stable. */
function byDue(a: WorklistItem, b: WorklistItem): number {
  const da = Date.parse(a.due ?? '') || Infinity;
  const db = Date.parse(b.due ?? '') || Infinity;
  return da === db ? a.ref.localeCompare(b.ref) : da - db;
}

export type OwnerFilter = 'all' | 'mine' | 'team' | 'unassigned';

export interface WorklistFilter {
  owner: OwnerFilter;
  service?: string;
  status?: string;
}

export interface Me {
  /** My PractitionerRoles ("PractitionerRole/…"). */
  roles: string[];
  /** Roles sharing a care-role code with one of mine: my team. */
  team: string[];
}

export function filterWorklist(items: WorklistItem[], filter: WorklistFilter, me: Me): WorklistItem[] {
  return items.filter((i) => {
    if (filter.service && i.service !== filter.service) return false;
    if (filter.status && i.status !== filter.status) return false;
    if (filter.owner === 'mine') return i.owner !== undefined && me.roles.includes(i.owner);
    if (filter.owner === 'team') return i.owner !== undefined && me.team.includes(i.owner);
    if (filter.owner === 'unassigned') return i.owner === undefined;
    return true;
  });
}

/** My roles from fhirUser (a PractitionerRole, or a Practitioner with roles), and my team by shared role code. */
export function whoAmI(fhirUser: string | undefined, roles: TPractitionerRole[]): Me {
  const mine = roles.filter((r) => ref(r) === fhirUser || (fhirUser !== undefined && r.practitioner?.reference === fhirUser));
  const codes = new Set(mine.flatMap((r) => (r.code ?? []).map((c) => codeIn(c, SYSTEMS.practitionerRole))).filter(Boolean));
  const team = roles.filter((r) => (r.code ?? []).some((c) => codes.has(codeIn(c, SYSTEMS.practitionerRole))));
  return { roles: mine.map(ref), team: team.map(ref) };
}
