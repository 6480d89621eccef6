// From one chart load to everything the screens show. Pure, so both shells and
// the tests use the same derivation.
import { buildBookings, type Booking } from '../booking/booking-view';
import { proposeTransport, type Proposal } from '../booking/prefill';
import { buildCarePlanView, type CarePlanView } from '../careplan/care-plan-view';
import type { TCondition, TEncounter, THealthcareService, TOrganization, TPatient } from '../fhir/schemas';
import { resourcesOf, type ChartData } from './load-chart';

export interface ChartModel {
  patient?: TPatient;
  encounter?: TEncounter;
  /** The patient's Conditions (handoffs list the active mobility needs). */
  conditions: TCondition[];
  bookings: Booking[];
  carePlan?: CarePlanView;
  proposal?: Proposal;
  services: THealthcareService[];
  organizations: TOrganization[];
  failed: ChartData['failed'];
  invalid: string[];
  /** Newest meta.lastUpdated seen (server clock), the cursor for change polling. */
  cursor?: string;
  /** Our Tasks and handoffs: new Provenance on them (milestones, acknowledgements) is a change. */
  provenanceTargets: string[];
}

export function buildChartModel(data: ChartData): ChartModel {
  const patient = resourcesOf(data, 'Patient')[0];
  const encounter = resourcesOf(data, 'Encounter')[0];
  const requests = resourcesOf(data, 'ServiceRequest');
  const bookings = buildBookings({
    requests: [...requests, ...resourcesOf(data, 'DeviceRequest')],
    tasks: resourcesOf(data, 'Task'),
    appointments: resourcesOf(data, 'Appointment'),
    provenance: resourcesOf(data, 'Provenance'),
    communications: resourcesOf(data, 'Communication'),
    organizations: resourcesOf(data, 'Organization'),
    handoffs: resourcesOf(data, 'QuestionnaireResponse'),
  });
  return {
    patient,
    encounter,
    conditions: resourcesOf(data, 'Condition'),
    bookings,
    carePlan: buildCarePlanView({
      plans: resourcesOf(data, 'CarePlan'),
      goals: resourcesOf(data, 'Goal'),
      teams: resourcesOf(data, 'CareTeam'),
      roles: resourcesOf(data, 'PractitionerRole'),
      practitioners: resourcesOf(data, 'Practitioner'),
      bookings,
    }),
    proposal: patient
      ? proposeTransport({
          patient,
          encounter,
          locations: resourcesOf(data, 'Location'),
          coverages: resourcesOf(data, 'Coverage'),
          conditions: resourcesOf(data, 'Condition'),
          requests,
        })
      : undefined,
    services: resourcesOf(data, 'HealthcareService'),
    organizations: resourcesOf(data, 'Organization'),
    failed: data.failed,
    invalid: data.invalid,
    cursor: newest(data),
    provenanceTargets: [...resourcesOf(data, 'Task'), ...resourcesOf(data, 'QuestionnaireResponse')].flatMap((r) => (r.id ? [`${r.resourceType}/${r.id}`] : [])),
  };
}

function newest(data: ChartData): string | undefined {
  let best: string | undefined;
  let bestMs = -Infinity;
  for (const list of data.byType.values()) {
    for (const r of list) {
      const at = (r as { meta?: { lastUpdated?: string } }).meta?.lastUpdated;
      const ms = at ? Date.parse(at) : NaN;
      if (ms > bestMs) {
        bestMs = ms;
        best = at;
      }
    }
  }
  return best;
}
