// Everything the chart page shows beyond the encounter context. Secondary sections
// degrade to a notice when a search fails, so one unsupported parameter on a real
// server does not blank the whole chart.
import { SYSTEMS } from '../../shared/fhir/codes';
import type { FhirRequester } from '../contracts';
import { loadEncounterContext, type EncounterContext } from './encounter-context';
import { ResourceSet, search } from './fhir-access';
import type { CarePlan, Condition, Goal, Reference } from './fhir-schemas';
import { conceptText, formatName, refId } from './format';

export interface OrderRow {
  id: string;
  resourceType: 'ServiceRequest' | 'DeviceRequest';
  what: string;
  category: string;
  status: string;
  when?: string;
  performer: string;
  milestone: string;
  isDischargeOrder: boolean;
}

export interface CoverageRow { payor: string; plan: string; status: string; memberId: string }
export interface TeamRow { role: string; name: string }
export interface ActivityRow { description: string; status: string; when?: string }

export interface ChartData extends EncounterContext {
  orders: OrderRow[];
  conditions: Condition[];
  coverages: CoverageRow[];
  carePlan?: CarePlan;
  activities: ActivityRow[];
  goals: Goal[];
  team: TeamRow[];
  notices: string[];
}

async function searchOrNotice(fhir: FhirRequester, path: string, notices: string[], what: string): Promise<ResourceSet> {
  try {
    return await search(fhir, path);
  } catch (err) {
    notices.push(`${what} could not be loaded (${err instanceof Error ? err.message : String(err)}).`);
    return new ResourceSet();
  }
}

function displayOf(set: ResourceSet, ref: Reference | undefined): string {
  const org = set.resolve('Organization', ref?.reference);
  if (org?.name) return org.name;
  const role = set.resolve('PractitionerRole', ref?.reference);
  const prac = set.resolve('Practitioner', role?.practitioner?.reference ?? ref?.reference);
  if (prac) return formatName(prac.name);
  return ref?.display ?? '';
}

function latestMilestones(set: ResourceSet): Map<string, string> {
  const byFocus = new Map<string, { at: string; code: string }>();
  for (const task of set.matchesOf('Task')) {
    const focus = task.focus?.reference;
    const code = task.businessStatus?.coding?.find((c) => c.system === SYSTEMS.milestone)?.code;
    if (!focus || !code) continue;
    const at = task.lastModified ?? task.authoredOn ?? '';
    const prev = byFocus.get(focus);
    if (!prev || at >= prev.at) byFocus.set(focus, { at, code });
  }
  return new Map([...byFocus].map(([k, v]) => [k, v.code]));
}

function orderRows(set: ResourceSet, tasks: ResourceSet, ctx: EncounterContext): OrderRow[] {
  const milestones = latestMilestones(tasks);
  const rows: OrderRow[] = [];
  for (const r of [...set.matchesOf('ServiceRequest'), ...set.matchesOf('DeviceRequest')]) {
    const sr = r.resourceType === 'ServiceRequest' ? r : undefined;
    const dr = r.resourceType === 'DeviceRequest' ? r : undefined;
    const performer = sr ? sr.performer?.[0] : dr?.performer;
    rows.push({
      id: r.id,
      resourceType: r.resourceType,
      what: conceptText(sr?.code ?? dr?.codeCodeableConcept) || r.resourceType,
      category: conceptText(r.category?.[0]),
      status: r.status ?? '',
      when: r.occurrenceDateTime ?? r.occurrencePeriod?.start,
      performer: displayOf(set, performer),
      milestone: milestones.get(`${r.resourceType}/${r.id}`) ?? '',
      isDischargeOrder: ctx.dischargeOrder?.id === r.id,
    });
  }
  return rows.sort((a, b) => Number(b.isDischargeOrder) - Number(a.isDischargeOrder) || (a.when ?? '').localeCompare(b.when ?? ''));
}

function activityRows(plan: CarePlan | undefined, orders: ResourceSet): ActivityRow[] {
  return (plan?.activity ?? []).map((a) => {
    if (a.detail) {
      return { description: a.detail.description ?? conceptText(a.detail.code), status: a.detail.status ?? '', when: a.detail.scheduledPeriod?.start };
    }
    const sr = orders.resolve('ServiceRequest', a.reference?.reference);
    return {
      description: sr ? conceptText(sr.code) : (a.reference?.display ?? a.reference?.reference ?? ''),
      status: sr?.status ?? '',
      when: sr?.occurrencePeriod?.start ?? sr?.occurrenceDateTime,
    };
  });
}

export async function loadChart(fhir: FhirRequester, patientId: string): Promise<ChartData | undefined> {
  const ctx = await loadEncounterContext(fhir, patientId);
  if (!ctx) return undefined;
  const subject = `Patient/${encodeURIComponent(patientId)}`;
  const notices: string[] = [];
  const get = (path: string, what: string) => searchOrNotice(fhir, path, notices, what);
  const [srs, drs, tasks, conditions, coverages, plans, goals, teams] = await Promise.all([
    get(`ServiceRequest?subject=${subject}&_include=ServiceRequest:performer&_count=200`, 'Orders'),
    get(`DeviceRequest?subject=${subject}&_include=DeviceRequest:performer&_count=200`, 'Equipment orders'),
    get(`Task?patient=${subject}&_count=500`, 'Booking status'),
    get(`Condition?subject=${subject}&_count=100`, 'Problems'),
    get(`Coverage?beneficiary=${subject}&_include=Coverage:payor`, 'Coverage'),
    get(`CarePlan?subject=${subject}&status=active`, 'Care plan'),
    get(`Goal?subject=${subject}&_count=100`, 'Goals'),
    get(`CareTeam?subject=${subject}&_include=CareTeam:participant&_include:iterate=PractitionerRole:practitioner`, 'Care team'),
  ]);
  const orders = srs.merge(drs);
  const carePlan = plans.matchesOf('CarePlan')[0];
  return {
    ...ctx,
    orders: orderRows(orders, tasks, ctx),
    conditions: conditions.matchesOf('Condition'),
    coverages: coverages.matchesOf('Coverage').map((c) => ({
      payor: displayOf(coverages, c.payor?.[0]),
      plan: c.class?.map((k) => k.name ?? k.value).filter(Boolean).join(', ') ?? '',
      status: c.status ?? '',
      memberId: c.subscriberId ?? '',
    })),
    carePlan,
    activities: activityRows(carePlan, orders),
    goals: goals.matchesOf('Goal'),
    team: teams.matchesOf('CareTeam').flatMap((t) =>
      (t.participant ?? []).map((p) => ({
        role: conceptText(p.role?.[0]),
        name: displayOf(teams, p.member) || (refId(p.member?.reference) ?? ''),
      })),
    ),
    notices,
  };
}
