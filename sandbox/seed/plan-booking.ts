// Chooses vendors, codes and locations for a patient's booking and runs its timeline.
import { DME_ITEMS, SNOMED, TRANSPORT_LEVELS, type Milestone, type ServiceType } from '../../shared/fhir/codes';
import { type SeedContext } from './context';
import type { BookingPlan } from './booking-plan';
import type { Chart } from './chart';
import { SNF_LOCATIONS } from './chart';
import { HOSPITAL_LOC, roleOf, type Staff } from './hospital';
import type { Story } from './stories';
import { planTimeline, truncateAt, type Outcome, type Timeline } from './timeline';
import { VENDORS, type VendorSpec } from './vendors';

export interface PlanBookingArgs {
  key: string;
  service: ServiceType;
  chart: Chart;
  story: Story;
  staff: Staff;
  index: number;
  sentAt: Date;
  start: Date;
  outcome: Outcome;
  declines: number;
  acceptDelayMin?: number;
  /** Current bookings: keep only what happened by this time... */
  cutAt?: Date;
  /** ...and stop the last attempt after this milestone. */
  stopAfter?: Milestone;
  /** Force the dispatch order (first = first vendor asked). */
  vendorIds?: string[];
}

/** Vendors able to do the job, those serving the patient's postal code first. */
export function candidateVendors(ctx: SeedContext, service: ServiceType, story: Story, postalCode: string): VendorSpec[] {
  const need = service === 'transport' ? TRANSPORT_LEVELS[story.level].capability : service === 'dme' ? 'dme-delivery' : 'home-health-nursing';
  const kinds = service === 'transport' ? ['nemt', 'stretcher', 'ambulance'] : [service];
  const able = VENDORS.filter((v) => kinds.includes(v.kind) && v.capabilities.includes(need));
  const shuffled = ctx.f.helpers.shuffle([...able]);
  return [...shuffled.filter((v) => v.postalCodes.includes(postalCode)), ...shuffled.filter((v) => !v.postalCodes.includes(postalCode))];
}

function codeFor(service: ServiceType, story: Story): { code: string; display: string } {
  if (service === 'transport') return { code: story.level, display: TRANSPORT_LEVELS[story.level].display };
  if (service === 'home-health') return { code: SNOMED.homeHealthReferral.code, display: SNOMED.homeHealthReferral.display };
  const item = story.dme ?? 'E0143';
  return { code: item, display: DME_ITEMS[item] };
}

export function planBooking(ctx: SeedContext, args: PlanBookingArgs): BookingPlan {
  const { chart, story, service } = args;
  const vendors = args.vendorIds
    ? args.vendorIds.map((id) => VENDORS.find((v) => v.id === id)).filter((v): v is VendorSpec => v !== undefined)
    : candidateVendors(ctx, service, story, chart.postalCode);
  // With a single able vendor there is nobody to re-dispatch to.
  const lone = vendors.length < 2;
  const outcome: Outcome = lone && ['cancelled-by-vendor', 'vendor-no-show'].includes(args.outcome) ? 'completed' : args.outcome;
  let timeline: Timeline = planTimeline(ctx, {
    service, vendors, declines: lone ? 0 : args.declines, outcome, sentAt: args.sentAt, start: args.start,
    requesterRole: roleOf(args.staff, 'case-manager', args.index), nurseRole: roleOf(args.staff, 'discharge-nurse', args.index),
    acceptDelayMin: args.acceptDelayMin,
  });
  if (args.cutAt) timeline = truncateAt(timeline, args.cutAt);
  if (args.stopAfter) timeline = stopAfter(timeline, args.stopAfter);
  const snf = story.disposition === 'snf' ? SNF_LOCATIONS[args.index % SNF_LOCATIONS.length] : undefined;
  const capabilities = service === 'transport' ? story.capabilities.filter((c) => c !== 'ambulatory') : service === 'dme' && story.capabilities.includes('bariatric') ? ['bariatric'] : [];
  return {
    key: args.key, service, ...codeFor(service, story),
    patientId: chart.patientId, encounterId: chart.encounterId, coverageId: chart.coverageId,
    requesterRole: roleOf(args.staff, 'case-manager', args.index),
    authoredOn: args.sentAt, window: windowFor(service, args.start),
    capabilities,
    reasonConditionId: chart.mobilityConditionIds[0] ?? chart.dxConditionId,
    note: service === 'transport' ? story.notes : undefined,
    pickupLocationId: service === 'transport' ? HOSPITAL_LOC : undefined,
    dropoffLocationId: service === 'home-health' ? undefined : snf && service === 'transport' ? snf.id : chart.homeLocationId,
    attempts: timeline.attempts, communications: timeline.communications, requestStatus: timeline.requestStatus,
    tripId: service === 'transport' ? `trip-${args.key}` : undefined,
  };
}

function windowFor(service: ServiceType, start: Date): { start: Date; end: Date } {
  const spanMin = service === 'transport' ? 60 : service === 'dme' ? 240 : 8 * 60;
  return { start, end: new Date(start.getTime() + spanMin * 60_000) };
}

function stopAfter(timeline: Timeline, milestone: Milestone): Timeline {
  const attempts = timeline.attempts.map((a, i) => {
    if (i !== timeline.attempts.length - 1) return a;
    const cut = a.steps.findIndex((s) => s.milestone === milestone);
    const steps = cut >= 0 ? a.steps.slice(0, cut + 1) : a.steps;
    return { ...a, steps, appointment: steps.some((s) => s.milestone === 'booked') ? a.appointment : undefined };
  });
  const lastCut = attempts[attempts.length - 1]?.steps.at(-1)?.at.getTime() ?? Infinity;
  return { ...timeline, attempts, communications: timeline.communications.filter((c) => c.at.getTime() <= lastCut) };
}
