// The Metrics tab: coordination metrics across all patients for a date range,
// with trends, a weekly review and drill-down to the bookings behind a number.
import { Box, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { ServiceType } from '../../../shared/fhir/codes';
import { SERVICE_LABELS, weeklyCsv } from '../../../shared/metrics/metrics-csv';
import type { MetricsFilters as Filters } from '../../../shared/metrics/options';
import { ErrorNotice } from '../../../shared/ui/error-notice';
import { DrillDown, type DrillTarget } from './drill-down';
import { HeadlineFigures } from './headline-figures';
import { defaultFilters, MetricsFilters, rangeOf, type FilterState } from './metrics-filters';
import { ReviewPanel } from './review-panel';
import { SliceTable, type SliceRow } from './slice-table';
import { TrendCharts, type TrendSeries } from './trend-charts';
import type { MetricsSnapshot } from '../../../shared/metrics/fetch-metrics';
import { useMetricsSnapshot, useMetricsView, type MetricsView } from './use-metrics';
import { formatDateTime, formatTime } from '../../../shared/time/facility-clock';

const FALLBACK_RANGE = { from: '1970-01-01T00:00:00.000Z', to: '1970-01-02T00:00:00.000Z' };

function download(csv: string, name: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

/** Changes are fetched this often while the tab is open (only what changed since the last fetch). */
export const METRICS_REFRESH_MS = 60_000;

interface PanelProps {
  /** The facility's IANA zone: the days of the date range and the ISO weeks. */
  timeZone: string;
  /** Link template to a patient's chart, for drill-down rows. */
  chartUrl?: string;
  /** false: only the Refresh button. */
  refreshMs?: number | false;
}

export function MetricsPanel({ timeZone, chartUrl, refreshMs = METRICS_REFRESH_MS }: PanelProps) {
  const [filters, setFilters] = useState<FilterState>(() => defaultFilters(timeZone));
  const [drill, setDrill] = useState<DrillTarget>();
  const range = rangeOf(filters, timeZone) ?? FALLBACK_RANGE;
  const snapshot = useMetricsSnapshot(range, refreshMs);
  const metricFilters = useMemo<Filters>(() => ({
    serviceType: (filters.serviceType || undefined) as ServiceType | undefined,
    vendor: filters.vendor || undefined,
    unit: filters.unit || undefined,
  }), [filters.serviceType, filters.vendor, filters.unit]);
  const view = useMetricsView(snapshot.data, metricFilters, range, timeZone);
  const vendors = useMemo(() => Object.entries(view?.report.vendorNames ?? {}).map(([ref, name]) => ({ ref, name })).sort((a, b) => a.name.localeCompare(b.name)), [view?.report.vendorNames]);
  return (
    <Box>
      <Typography variant="h2">Coordination metrics</Typography>
      <MetricsFilters value={filters} onChange={setFilters} vendors={vendors} units={view?.units ?? []}
        onRefresh={() => void snapshot.refetch()} refreshing={snapshot.isFetching}
        onExport={view ? () => download(weeklyCsv(view.report), `carerelay-metrics-${filters.from}-${filters.to}.csv`) : undefined} />
      {!rangeOf(filters, timeZone) && <Typography role="alert">Choose a "From" date before the "To" date.</Typography>}
      {snapshot.error && <ErrorNotice error={snapshot.error} onRetry={() => void snapshot.refetch()} />}
      {snapshot.isPending && (
        <p role="status">Loading the bookings for these weeks…{snapshot.progress > 0 ? ` ${snapshot.progress.toLocaleString('en-US')} records so far.` : ''}</p>
      )}
      {snapshot.data && <Freshness updatedAt={snapshot.dataUpdatedAt} snapshot={snapshot.data} timeZone={timeZone} refreshMs={refreshMs} />}
      {view && <MetricsBody view={view} onDrill={setDrill} />}
      {view && <DrillDown target={drill} lookup={view.lookup} timeZone={timeZone} chartUrl={chartUrl} onClose={() => setDrill(undefined)} onDownload={download} />}
    </Box>
  );
}

/** When the figures were last brought up to date, and how: a full load or the changes since. */
function Freshness({ updatedAt, snapshot, timeZone, refreshMs }: { updatedAt: number; snapshot: MetricsSnapshot; timeZone: string; refreshMs: number | false }) {
  const time = formatTime(new Date(updatedAt).toISOString(), { timeZone, seconds: true });
  const how = snapshot.stats.full ? 'full load' : `${snapshot.stats.changed === 1 ? '1 change' : `${snapshot.stats.changed} changes`} since the previous update`;
  const every = refreshMs ? `; changes are fetched every ${Math.round(refreshMs / 1000)} s while this tab is open` : '';
  return <Typography variant="body2" color="text.secondary" data-testid="metrics-freshness">Updated {time} ({how}){every}.</Typography>;
}

function MetricsBody({ view, onDrill }: { view: MetricsView; onDrill: (t: DrillTarget) => void }) {
  const { report, lookup, timeZone } = view;
  const name = (v: string) => report.vendorNames[v] ?? v;
  const describeBooking = (id: string) => {
    const d = lookup.detail(id);
    if (!d) return id;
    const vendor = lookup.vendorName(d.vendor) ?? d.vendor ?? 'no vendor';
    return `${SERVICE_LABELS[d.serviceType ?? ''] ?? 'Booking'} requested ${d.requestedAt === undefined ? '(time not recorded)' : formatDateTime(new Date(d.requestedAt).toISOString(), { timeZone })}, ${vendor}`;
  };
  const typeRows: SliceRow[] = Object.entries(report.byServiceType).map(([k, set]) => ({ key: k, label: SERVICE_LABELS[k] ?? k, set }));
  const vendorRows: SliceRow[] = Object.entries(report.byVendor).map(([k, set]) => ({ key: k, label: name(k), set })).sort((a, b) => a.label.localeCompare(b.label));
  const typeSeries: TrendSeries[] = Object.entries(report.weekly.byServiceType).map(([k, byWeek]) => ({ key: k, label: SERVICE_LABELS[k] ?? k, byWeek: byWeek ?? {} }));
  const vendorSeries: TrendSeries[] = Object.entries(report.weekly.byVendor).map(([k, byWeek]) => ({ key: k, label: name(k), byWeek }));
  return (
    <>
      <Typography role="status" sx={{ mb: 1 }}>{report.bookings} bookings in range{report.skipped.total > 0 ? `; ${report.skipped.total} records could not be used` : ''}.</Typography>
      <Typography variant="h3" sx={{ mt: 1 }}>Headline figures</Typography>
      <HeadlineFigures set={report.overall} onDrill={onDrill} />
      <Typography variant="h3" sx={{ mt: 2 }}>Weekly review</Typography>
      <ReviewPanel weeks={report.weekly.weeks} overall={report.weekly.overall} onDrill={onDrill} describeBooking={describeBooking} timeZone={timeZone} />
      <Typography variant="h3" sx={{ mt: 2 }}>Weekly trends</Typography>
      <TrendCharts weeks={report.weekly.weeks} byServiceType={typeSeries} byVendor={vendorSeries} onDrill={onDrill} />
      <Typography variant="h3" sx={{ mt: 2 }}>By service type and vendor</Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <SliceTable caption="By service type" rows={typeRows} onDrill={onDrill} />
        <SliceTable caption="By vendor" rows={vendorRows} onDrill={onDrill} />
      </Box>
    </>
  );
}
