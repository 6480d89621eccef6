// The read-only summary the overlay shows on the discharge screen: label, status
// and time of each booking, as text (the overlay renders it as text, never HTML).
import { buildChartModel } from '../../shared/chart/chart-model';
import { loadChart } from '../../shared/chart/load-chart';
import type { Booking } from '../../shared/booking/booking-view';
import type { FhirApi } from '../../shared/fhir/api';
import type { BookingSummary } from '../messages';

export async function summarizeBookings(api: FhirApi, patient: string): Promise<BookingSummary> {
  const model = buildChartModel(await loadChart(api, { patient }));
  return {
    patientId: patient,
    signedIn: true,
    bookings: model.bookings.slice(0, 50).map((b) => ({ label: b.label, status: statusOf(b), time: b.timeIsConfirmed ? b.time : undefined })),
  };
}

function statusOf(b: Booking): string {
  return String(b.milestone ?? b.taskStatus ?? b.requestStatus);
}
