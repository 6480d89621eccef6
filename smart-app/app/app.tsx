// The app shell: patient banner (only when the EHR asks for one), tabs for the
// care plan, the bookings, booking transport, the worklist of open steps and the coordination metrics.
import { Alert, Box, CssBaseline, Tab, Tabs, ThemeProvider, Typography } from '@mui/material';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import type { FhirTransport } from '../../shared/fhir/transport';
import type { LaunchContext } from '../session/session';
import { sessionStore } from '../session/session-store';
import { FhirProvider, useChart } from '../../shared/ui/data/fhir-context';
import { theme } from './theme';
import { PatientBanner } from './patient-banner';
import { CarePlanPanel } from '../features/care-plan/care-plan-panel';
import { ErrorNotice } from '../../shared/ui/error-notice';
import { visuallyHidden } from '../../shared/ui/visually-hidden';
import { OutboxResumer } from '../../shared/ui/data/outbox-notice';
import { useDispatch } from '../../shared/ui/bookings/use-dispatch';
import { useExceptionSteps } from '../../shared/ui/bookings/use-exception-steps';
import { setFacilityTimeZone } from '../../shared/time/facility-clock';

// Everything but the care plan (the first screen) is loaded when its tab opens, keeping
// the first screen's JavaScript small.
const BookingsPanel = lazy(() => import('../../shared/ui/bookings/bookings-panel').then((m) => ({ default: m.BookingsPanel })));
const BookTransport = lazy(() => import('../../shared/ui/book-transport/book-transport').then((m) => ({ default: m.BookTransport })));
const BookHomeHealth = lazy(() => import('../../shared/ui/book-home-health/book-home-health').then((m) => ({ default: m.BookHomeHealth })));
const BookDme = lazy(() => import('../../shared/ui/book-dme/book-dme').then((m) => ({ default: m.BookDme })));
// The metrics (and their chart library) are the heaviest part and the least used in a discharge: loaded on demand.
const MetricsPanel = lazy(() => import('../features/metrics/metrics-panel').then((m) => ({ default: m.MetricsPanel })));
const WorklistPanel = lazy(() => import('../../shared/ui/worklist/worklist-panel').then((m) => ({ default: m.WorklistPanel })));
const store = sessionStore();
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
type TabId = 'care-plan' | 'bookings' | 'book' | 'book-home-health' | 'book-dme' | 'worklist' | 'metrics';

export interface AppSettings {
  pollMs: number;
  /** The facility's IANA zone: every time shown or entered (and the Metrics tab's days); default the browser's. */
  timeZone?: string;
  /** Link template to a patient's chart ({patient}), for metrics drill-down rows. */
  chartUrl?: string;
  /** Show the Metrics tab (features.metrics). */
  metrics?: boolean;
}

const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function App({ transport, context, pollMs, timeZone, chartUrl, metrics = true }: { transport: FhirTransport; context: LaunchContext } & AppSettings) {
  // One clock for people: set before anything renders a time (shared/time/facility-clock.ts).
  setFacilityTimeZone(timeZone);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <FhirProvider transport={transport} store={store} context={context} pollMs={pollMs}>
          <Shell needBanner={context.needPatientBanner} timeZone={timeZone ?? browserZone()} chartUrl={chartUrl} metrics={metrics} />
        </FhirProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}

function Shell({ needBanner, timeZone, chartUrl, metrics }: { needBanner: boolean; timeZone: string; chartUrl?: string; metrics: boolean }) {
  const [tab, setTab] = useState<TabId>('care-plan');
  const chart = useChart();
  const dispatch = useDispatch(chart.data);
  const exceptions = useExceptionSteps(chart.data);
  return (
    <Box component="main" sx={{ p: 1.5, maxWidth: 1280, mx: 'auto' }}>
      <Typography variant="h1" sx={needBanner ? undefined : visuallyHidden}>CareRelay</Typography>
      {needBanner && chart.data?.patient && <PatientBanner patient={chart.data.patient} encounter={chart.data.encounter} />}
      <OutboxResumer />
      {dispatch.error !== undefined && <ErrorNotice error={dispatch.error} />}
      {exceptions.error !== undefined && <ErrorNotice error={exceptions.error} />}
      {chart.error && <ErrorNotice error={chart.error} onRetry={() => void chart.refetch()} />}
      {chart.data && (chart.data.invalid.length > 0 || Object.keys(chart.data.failed).length > 0) && (
        <Alert severity="warning" sx={{ my: 1 }}>
          Part of the chart could not be read ({[...Object.keys(chart.data.failed), ...chart.data.invalid.map((i) => i.split(':')[0])].join(', ')}); what is shown may be incomplete.
        </Alert>
      )}
      <Tabs value={tab} onChange={(_, v: TabId) => setTab(v)} aria-label="CareRelay sections" sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40 }}>
        <Tab value="care-plan" label="Care plan" id="tab-care-plan" aria-controls="panel-care-plan" />
        <Tab value="bookings" label={`Bookings${chart.data ? ` (${chart.data.bookings.length})` : ''}`} id="tab-bookings" aria-controls="panel-bookings" />
        <Tab value="book" label="Book transport" id="tab-book" aria-controls="panel-book" />
        <Tab value="book-home-health" label="Book home health" id="tab-book-home-health" aria-controls="panel-book-home-health" />
        <Tab value="book-dme" label="Book DME" id="tab-book-dme" aria-controls="panel-book-dme" />
        <Tab value="worklist" label="Worklist" id="tab-worklist" aria-controls="panel-worklist" />
        {metrics && <Tab value="metrics" label="Metrics" id="tab-metrics" aria-controls="panel-metrics" />}
      </Tabs>
      <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} sx={{ pt: 1.5 }}>
        {chart.isPending && <p role="status">Loading the chart…</p>}
        {chart.data && tab === 'care-plan' && <CarePlanPanel model={chart.data} />}
        {chart.data && tab === 'bookings' && (
          <Suspense fallback={<p role="status">Loading the bookings…</p>}>
            <BookingsPanel model={chart.data} exhausted={dispatch.exhausted} />
          </Suspense>
        )}
        {chart.data && tab === 'book' && (
          <Suspense fallback={<p role="status">Loading the booking form…</p>}>
            <BookTransport model={chart.data} onBooked={() => setTab('bookings')} />
          </Suspense>
        )}
        {chart.data && (tab === 'book-home-health' || tab === 'book-dme') && (
          <Suspense fallback={<p role="status">Loading the booking form…</p>}>
            {tab === 'book-home-health' ? <BookHomeHealth model={chart.data} onBooked={() => setTab('bookings')} /> : <BookDme model={chart.data} onBooked={() => setTab('bookings')} />}
          </Suspense>
        )}
        {tab === 'worklist' && (
          <Suspense fallback={<p role="status">Loading the worklist…</p>}>
            <WorklistPanel />
          </Suspense>
        )}
        {metrics && tab === 'metrics' && (
          <Suspense fallback={<p role="status">Loading the metrics…</p>}>
            <MetricsPanel timeZone={timeZone} chartUrl={chartUrl} />
          </Suspense>
        )}
      </Box>
    </Box>
  );
}

