// How each vendor has done lately, from FHIR history alone: how often it accepts
// what it is sent, and how often it arrives by the time it promised. Dispatch
// ranks vendors by these, so the next request goes to the one likeliest to help.
import { SYSTEMS, TASK_PARAMS } from '../fhir/codes';
import { codeIn } from '../fhir/refs';
import type { TProvenance, TTask } from '../fhir/schemas';

export interface VendorStats {
  /** Tasks answered (accepted or declined). */
  answered: number;
  accepted: number;
  /** Tasks with a promised time (eta) and an arrival milestone. */
  timed: number;
  onTime: number;
}

const ARRIVAL = new Set(['picked-up', 'delivered', 'service-completed']);
const ACCEPTED = new Set(['accepted', 'in-progress', 'on-hold', 'completed', 'failed']);
/** A pickup up to 15 minutes after the promised time still counts as on time. */
const GRACE_MS = 15 * 60_000;

export function vendorStats(tasks: TTask[], provenance: TProvenance[]): Map<string, VendorStats> {
  const arrivals = new Map<string, number>();
  for (const p of provenance) {
    const target = p.target[0]?.reference?.replace(/\/_history\/.*$/, '');
    const at = Date.parse(p.recorded);
    if (!target || Number.isNaN(at) || !ARRIVAL.has(codeIn(p.activity, SYSTEMS.milestone) ?? '')) continue;
    arrivals.set(target, Math.min(arrivals.get(target) ?? Infinity, at));
  }
  const stats = new Map<string, VendorStats>();
  for (const t of tasks) {
    const vendor = t.owner?.reference;
    if (!vendor?.startsWith('Organization/')) continue;
    const s = stats.get(vendor) ?? { answered: 0, accepted: 0, timed: 0, onTime: 0 };
    stats.set(vendor, s);
    const wasAnswered = t.status === 'rejected' || ACCEPTED.has(t.status);
    if (wasAnswered) s.answered += 1;
    if (ACCEPTED.has(t.status)) s.accepted += 1;
    const eta = Date.parse(t.output?.find((o) => codeIn(o.type, SYSTEMS.taskParam) === TASK_PARAMS.eta)?.valueDateTime ?? '');
    const arrived = arrivals.get(`Task/${t.id}`);
    if (!Number.isNaN(eta) && arrived !== undefined) {
      s.timed += 1;
      if (arrived <= eta + GRACE_MS) s.onTime += 1;
    }
  }
  return stats;
}

/**
 * One number per vendor in [0, 1]: acceptance weighs more than punctuality, since
 * a decline costs a whole dispatch round. Smoothed (+1/+2) so a vendor with no
 * history sits in the middle instead of at either end.
 */
export function vendorScore(s: VendorStats | undefined): number {
  const acceptance = ((s?.accepted ?? 0) + 1) / ((s?.answered ?? 0) + 2);
  const punctuality = ((s?.onTime ?? 0) + 1) / ((s?.timed ?? 0) + 2);
  return 0.6 * acceptance + 0.4 * punctuality;
}
