// One patient in the side panel: the form of the service the overlay button named
// (transport, home health, DME: the app's shared forms) and the bookings list, over
// a transport that asks the background for every FHIR call. The outbox lives in
// chrome.storage.session under its own prefix: booking plans, never tokens.
import { Alert, Box, Tab, Tabs, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { BookDme } from '../../shared/ui/book-dme/book-dme';
import { BookHomeHealth } from '../../shared/ui/book-home-health/book-home-health';
import { BookTransport } from '../../shared/ui/book-transport/book-transport';
import { BookingsPanel } from '../../shared/ui/bookings/bookings-panel';
import { FhirProvider, useChart, type PatientContext } from '../../shared/ui/data/fhir-context';
import { OutboxResumer } from '../../shared/ui/data/outbox-notice';
import { ErrorNotice } from '../../shared/ui/error-notice';
import type { Service } from '../messages';
import { areaStore } from '../platform/browser-store';
import { sendToBackground } from './background-client';
import { createMessageTransport } from './message-transport';

const POLL_MS = 2000;
type TabId = 'book' | 'bookings';

/** The booking tab's name per overlay button (the user's words). */
export const BOOK_TAB_LABEL: Record<Service, string> = { transport: 'Book transport', 'home-health': 'Home health', dme: 'DME' };

export function PatientWorkspace(props: { patient: string; encounter?: string; fhirUser?: string; patientName?: string; service?: Service }) {
  const { patient, encounter, fhirUser } = props;
  const transport = useMemo(() => createMessageTransport(sendToBackground), []);
  const store = useMemo(() => areaStore(browser.storage.session, 'carerelay.panel.'), []);
  const context = useMemo<PatientContext>(() => ({ patient, encounter, fhirUser }), [patient, encounter, fhirUser]);
  return (
    <FhirProvider transport={transport} store={store} context={context} pollMs={POLL_MS}>
      <Workspace patientName={props.patientName} service={props.service ?? 'transport'} />
    </FhirProvider>
  );
}

function Workspace({ patientName, service }: { patientName?: string; service: Service }) {
  const [tab, setTab] = useState<TabId>('book');
  const chart = useChart();
  return (
    <Box>
      <Typography variant="h2" component="h2" sx={{ mb: 0.5, overflowWrap: 'anywhere' }}>{patientName ?? 'Patient'}</Typography>
      <OutboxResumer />
      {chart.error && <ErrorNotice error={chart.error} onRetry={() => void chart.refetch()} />}
      {chart.data && Object.keys(chart.data.failed).length > 0 && (
        <Alert severity="warning" sx={{ my: 1 }}>Part of the chart could not be read ({Object.keys(chart.data.failed).join(', ')}); what is shown may be incomplete.</Alert>
      )}
      <Tabs value={tab} onChange={(_, v: TabId) => setTab(v)} aria-label="CareRelay sections" variant="fullWidth" sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40 }}>
        <Tab value="book" label={BOOK_TAB_LABEL[service]} id="tab-book" aria-controls="panel-book" />
        <Tab value="bookings" label={`Bookings${chart.data ? ` (${chart.data.bookings.length})` : ''}`} id="tab-bookings" aria-controls="panel-bookings" />
      </Tabs>
      <Box role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} sx={{ pt: 1.5 }}>
        {chart.isPending && <p role="status">Loading the chart…</p>}
        {chart.data && tab === 'book' && service === 'transport' && <BookTransport model={chart.data} onBooked={() => setTab('bookings')} />}
        {chart.data && tab === 'book' && service === 'home-health' && <BookHomeHealth model={chart.data} onBooked={() => setTab('bookings')} />}
        {chart.data && tab === 'book' && service === 'dme' && <BookDme model={chart.data} onBooked={() => setTab('bookings')} />}
        {chart.data && tab === 'bookings' && <BookingsPanel model={chart.data} />}
      </Box>
    </Box>
  );
}
