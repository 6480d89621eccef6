// The read-only summary the overlay shows on the discharge screen: label, status
// and time of each booking, as text (the overlay renders it as text, never HTML).
import { buildChartModel } from '../../shared/chart/chart-model';
import { loadChart } from '../../shared/chart/load-chart';
import type { Booking } from '../../shared/booking/booking-view';
import { isEnded, milestoneLabel, timeWord } from '../../shared/booking/booking-words';
import type { FhirApi } from '../../shared/fhir/api';
import { formatDateTime } from '../../shared/time/facility-clock';
import type { BookingSummary } from '../messages';

export async function summarizeBookings(api: FhirApi, patient: string): Promise<BookingSummary> {
  const model = buildChartModel(await loadChart(api, { patient }));
  return {
    patientId: patient,
    signedIn: true,
    bookings: model.bookings.slice(0, 50).map((b) => ({ label: b.label, status: milestoneLabel(b), time: timeOf(b) })),
  };
}

/** "pickup Fri, Dec 4, 08:00" / "visit …" / "delivery …"; none once the booking has ended or before the vendor confirms. */
export function timeOf(b: Booking): string | undefined {
  if (!b.timeIsConfirmed || !b.time || isEnded(b)) return undefined;
  if (Number.isNaN(Date.parse(b.time))) return undefined;
  return `${timeWord(b.service)} ${formatDateTime(b.time)}`;
}
