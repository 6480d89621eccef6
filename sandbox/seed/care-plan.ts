// CarePlan + Goals + CareTeam for a current patient. Booking activities point at
// the booking's request; everything else is a detail activity.
import type { CarePlan, CarePlanActivity, CareTeam, Goal } from '@medplum/fhirtypes';
import { CARE_ROLES, SYSTEMS } from '../../shared/fhir/codes';
import { DAY, HOUR, at, cc, iso, ref, type SeedContext } from './context';
import { roleOf, type Staff } from './hospital';
import type { Chart } from './chart';
import type { Story } from './stories';

const ACHIEVEMENT = 'http://terminology.hl7.org/CodeSystem/goal-achievement';
const CARE_TEAM_ROLES = [
  { role: CARE_ROLES.caseManager, display: 'Case manager' },
  { role: CARE_ROLES.dischargeNurse, display: 'Discharge nurse' },
  { role: CARE_ROLES.attending, display: 'Attending physician' },
] as const;

export interface CarePlanInput {
  key: string;
  chart: Chart;
  story: Story;
  staff: Staff;
  index: number;
  admit: Date;
  discharge: Date;
  /** e.g. ["ServiceRequest/sr-b001"] */
  bookingRefs: string[];
}

export function seedCarePlan(ctx: SeedContext, input: CarePlanInput): void {
  const { key, chart, story } = input;
  const careTeamId = `careteam-${key}`;
  ctx.add<CareTeam>({
    resourceType: 'CareTeam', id: careTeamId, status: 'active', name: `Discharge team for ${chart.name}`,
    subject: ref('Patient', chart.patientId), encounter: ref('Encounter', chart.encounterId),
    participant: CARE_TEAM_ROLES.map((r) => ({
      role: [cc(SYSTEMS.practitionerRole, r.role, r.display)],
      member: ref('PractitionerRole', r.role === 'attending' ? chart.attendingRole : roleOf(input.staff, r.role, input.index)),
    })),
  });
  const goalIds = story.goals.map((g, i) => {
    const id = `goal-${key}-${i + 1}`;
    // Goals that fall due after discharge are still in progress; earlier ones have an outcome.
    const due = at(input.discharge, (i === 0 ? 0 : 7) * DAY);
    const achieved = due.getTime() < ctx.now.getTime();
    ctx.add<Goal>({
      resourceType: 'Goal', id, lifecycleStatus: achieved ? 'completed' : 'active',
      achievementStatus: achieved ? cc(ACHIEVEMENT, 'achieved', 'Achieved') : cc(ACHIEVEMENT, 'in-progress', 'In Progress'),
      description: { text: g.text }, subject: ref('Patient', chart.patientId), startDate: iso(input.admit).slice(0, 10),
      target: [{ measure: { text: g.measure }, detailString: g.detail, dueDate: iso(due).slice(0, 10) }],
      addresses: [ref('Condition', chart.dxConditionId)],
    });
    return id;
  });
  const activity: CarePlanActivity[] = [
    detail('Medication reconciliation', 'Task', 'in-progress', 'Pharmacist and nurse reconcile home and discharge medications', input.admit, at(input.discharge, -4 * HOUR)),
    detail('Discharge teaching', 'Task', 'scheduled', `Teach-back on ${story.dx.display.toLowerCase()} warning signs`, at(input.discharge, -24 * HOUR), input.discharge),
    ...input.bookingRefs.map((reference) => ({ reference: { reference } })),
  ];
  ctx.add<CarePlan>({
    resourceType: 'CarePlan', id: `careplan-${key}`, status: 'active', intent: 'plan',
    category: [cc('http://hl7.org/fhir/us/core/CodeSystem/careplan-category', 'assess-plan', 'Assessment and Plan of Treatment')],
    title: `Discharge plan: ${story.label}`, subject: ref('Patient', chart.patientId), encounter: ref('Encounter', chart.encounterId),
    period: { start: iso(input.admit), end: iso(at(input.discharge, 30 * DAY)) },
    addresses: [chart.dxConditionId, ...chart.mobilityConditionIds].map((id) => ref('Condition', id)),
    goal: goalIds.map((id) => ref('Goal', id)), careTeam: [ref('CareTeam', careTeamId)], activity,
    author: ref('PractitionerRole', roleOf(input.staff, 'case-manager', input.index)),
  });
}

function detail(text: string, kind: 'Task', status: 'in-progress' | 'scheduled' | 'not-started', description: string, start: Date, end: Date): CarePlanActivity {
  return { detail: { kind, code: { text }, status, description, scheduledPeriod: { start: iso(start), end: iso(end) } } };
}
