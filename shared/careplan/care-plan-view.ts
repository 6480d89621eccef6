// The shared care plan as a nurse reads it: goals, activities with the live
// status of their bookings, and the care team by role.
import { SYSTEMS } from '../fhir/codes';
import { codeIn, formatName, refId } from '../fhir/refs';
import type { TCarePlan, TCareTeam, TGoal, TPractitioner, TPractitionerRole } from '../fhir/schemas';
import type { Booking } from '../booking/booking-view';
import { isEnded, milestoneLabel, timeTitle } from '../booking/booking-words';

export interface GoalRow { id: string; description: string; target?: string; due?: string; lifecycle: string; achievement?: string }
export interface ActivityRow { key: string; title: string; status: string; booking?: Booking; next?: string; /** "Pickup", "Visit", "Delivery" for a booking. */ nextWord?: string }
export interface TeamMember { role: string; name: string }
export interface CarePlanView { title: string; period?: { start?: string; end?: string }; goals: GoalRow[]; activities: ActivityRow[]; team: TeamMember[] }

export function buildCarePlanView(input: {
  plans: TCarePlan[]; goals: TGoal[]; teams: TCareTeam[]; roles: TPractitionerRole[]; practitioners: TPractitioner[]; bookings: Booking[];
}): CarePlanView | undefined {
  const plan = input.plans[0];
  if (!plan) return undefined;
  const goalIds = new Set((plan.goal ?? []).map((g) => refId(g, 'Goal')));
  const bookingByRef = new Map(input.bookings.map((b) => [`${b.resourceType}/${b.id}`, b]));
  return {
    title: plan.title ?? 'Care plan',
    period: plan.period,
    goals: input.goals.filter((g) => goalIds.has(g.id)).map(goalRow),
    activities: (plan.activity ?? []).map((a, i) => {
      const booking = a.reference?.reference ? bookingByRef.get(a.reference.reference) : undefined;
      if (booking) {
        // An ended booking has no next time: its status says cancelled (or declined), not when.
        const next = isEnded(booking) ? undefined : booking.time;
        return { key: `b-${booking.id}`, title: booking.label, status: milestoneLabel(booking), booking, ...(next ? { next, nextWord: timeTitle(booking.service) } : {}) };
      }
      return {
        key: `a-${i}`,
        title: a.detail?.code?.text ?? a.detail?.code?.coding?.[0]?.display ?? a.detail?.description ?? a.reference?.display ?? 'Activity',
        status: a.detail?.status ?? 'unknown',
        next: a.detail?.scheduledPeriod?.start ?? a.detail?.scheduledString,
      };
    }),
    team: teamOf(plan, input.teams, input.roles, input.practitioners, input.bookings),
  };
}

function goalRow(g: TGoal): GoalRow {
  const t = g.target?.[0];
  const measure = t?.measure?.text ?? t?.measure?.coding?.[0]?.display;
  const detail = t?.detailString ?? (t?.detailQuantity ? `${t.detailQuantity.value ?? ''} ${t.detailQuantity.unit ?? ''}`.trim() : undefined);
  return {
    id: g.id ?? '',
    description: g.description.text ?? g.description.coding?.[0]?.display ?? 'Goal',
    target: [measure, detail].filter(Boolean).join(': ') || undefined,
    due: t?.dueDate,
    lifecycle: g.lifecycleStatus,
    achievement: g.achievementStatus?.coding?.[0]?.display ?? g.achievementStatus?.coding?.[0]?.code ?? g.achievementStatus?.text,
  };
}

const ROLE_LABEL: Record<string, string> = { 'case-manager': 'Case manager', 'discharge-nurse': 'Discharge nurse', attending: 'Attending', 'home-health-intake': 'Home health intake' };

function teamOf(plan: TCarePlan, teams: TCareTeam[], roles: TPractitionerRole[], practitioners: TPractitioner[], bookings: Booking[]): TeamMember[] {
  const teamIds = new Set((plan.careTeam ?? []).map((t) => refId(t, 'CareTeam')));
  const roleById = new Map(roles.map((r) => [r.id, r]));
  const pracById = new Map(practitioners.map((p) => [p.id, p]));
  const members: TeamMember[] = [];
  for (const team of teams.filter((t) => teamIds.has(t.id))) {
    for (const p of team.participant ?? []) {
      const code = p.role?.map((r) => codeIn(r, SYSTEMS.practitionerRole)).find(Boolean);
      const role = roleById.get(refId(p.member, 'PractitionerRole'));
      const prac = pracById.get(refId(role?.practitioner, 'Practitioner') ?? refId(p.member, 'Practitioner'));
      const name = prac ? formatName(prac.name) : p.member?.display ?? role?.practitioner?.display ?? 'Unassigned';
      members.push({ role: (code && ROLE_LABEL[code]) ?? p.role?.[0]?.text ?? p.role?.[0]?.coding?.[0]?.display ?? 'Member', name });
    }
  }
  // Vendors are on the team while their Task is accepted or in progress.
  for (const b of bookings) {
    if (b.vendorName && (b.taskStatus === 'accepted' || b.taskStatus === 'in-progress')) members.push({ role: `Vendor (${b.label})`, name: b.vendorName });
  }
  return members;
}
