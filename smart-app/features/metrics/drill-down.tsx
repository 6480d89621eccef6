// The bookings behind a number: opened from any figure, one row per booking (or
// vendor attempt) it counted, with the patient, service, vendor, when it was
// requested, where it stands and, for a duration, its own value; each row
// opens its timeline and links to the patient's chart in the EHR when the
// deployment names the chart's address (chartUrl).
import {
  Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography,
} from '@mui/material';
import { Fragment, useMemo, useState } from 'react';
import { formatDateTime } from '../../../shared/time/facility-clock';
import type { BookingDetail, DetailLookup, TimelineEntry } from '../../../shared/metrics/booking-detail';
import type { Sample } from '../../../shared/metrics/figures';
import { drillCsv, SERVICE_LABELS } from '../../../shared/metrics/metrics-csv';
import { MILESTONE_LABEL } from '../../../shared/ui/booking-status';
import { visuallyHidden } from '../../../shared/ui/visually-hidden';
import { formatDuration } from './metric-format';
import { usePatientNames } from './use-metrics';

export interface DrillTarget {
  title: string;
  ids: string[];
  /** For a duration: each counted id's value; rows then show it, longest first. */
  samples?: readonly Sample[];
}

const MAX_ROWS = 300;

interface Props {
  /** Saves a CSV file (the panel's download helper). */
  onDownload: (csv: string, name: string) => void;
  target: DrillTarget | undefined;
  lookup: DetailLookup;
  timeZone: string;
  /** "https://ehr/.../{patient}": each row links to its patient's chart. */
  chartUrl?: string;
  onClose: () => void;
}

export function DrillDown({ target, lookup, timeZone, chartUrl, onClose, onDownload }: Props) {
  const ids = useMemo(() => target?.ids ?? [], [target]);
  const values = useMemo(() => new Map(target?.samples?.map((s) => [s.id, s.ms])), [target]);
  const all = useMemo(() => {
    const list = ids.map((id) => lookup.detail(id) ?? { id, booking: id, attempts: 0, timeline: [] } satisfies BookingDetail);
    if (values.size > 0) list.sort((a, b) => (values.get(b.id) ?? -Infinity) - (values.get(a.id) ?? -Infinity));
    else list.sort((a, b) => (a.requestedAt ?? Infinity) - (b.requestedAt ?? Infinity));
    return list;
  }, [ids, lookup, values]);
  const rows = useMemo(() => all.slice(0, MAX_ROWS), [all]);
  const patients = useMemo(() => rows.map((r) => r.patient ?? ''), [rows]);
  const names = usePatientNames(target ? patients : []);
  // The one format every screen uses (shared/time/facility-clock.ts), on the facility's clock.
  const when = (ms: number | undefined) => (ms === undefined ? 'time not recorded' : formatDateTime(new Date(ms).toISOString(), { timeZone }));
  const nameOf = (row: BookingDetail) => (row.patient ? names.data?.get(row.patient) ?? row.patient : '');
  // Every row, not only those on screen (names are read for the rows on screen only).
  const download = () => onDownload(drillCsv(all.map((r) => ({
    id: r.id, booking: r.booking, patient: nameOf(r), service: r.serviceType, vendor: lookup.vendorName(r.vendor) ?? r.vendor,
    requestedAt: r.requestedAt, state: r.state ? MILESTONE_LABEL[r.state] ?? r.state : undefined, valueMs: values.get(r.id),
  })), timeZone), `carerelay-${(target?.title ?? 'bookings').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.csv`);
  return (
    <Dialog open={target !== undefined} onClose={onClose} aria-labelledby="drill-title" maxWidth="lg" fullWidth>
      <DialogTitle id="drill-title">{target?.title}</DialogTitle>
      {/* Focusable so a long list scrolls from the keyboard too. */}
      <DialogContent tabIndex={0} role="region" aria-label="Bookings list">
        <Typography sx={{ mb: 1 }}>
          {ids.length === 1 ? '1 item' : `${ids.length} items`}{values.size > 0 ? ', longest first' : ''}. Times in {timeZone}.
          {names.isError && ' Patient names could not be read; references are shown.'}
        </Typography>
        {rows.length > 0 && (
          <Table size="small" aria-label="Bookings behind this figure">
            <TableHead>
              <TableRow>
                <TableCell>Patient</TableCell><TableCell>Service</TableCell><TableCell>Vendor</TableCell>
                <TableCell>Requested</TableCell><TableCell>Now</TableCell>
                {values.size > 0 && <TableCell>Time</TableCell>}
                <TableCell><Box component="span" sx={visuallyHidden}>Actions</Box></TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <DrillRow key={row.id} row={row} value={values.get(row.id)} showValue={values.size > 0}
                  name={nameOf(row) || '—'}
                  vendorName={lookup.vendorName} when={when} chartUrl={chartUrl} />
              ))}
            </TableBody>
          </Table>
        )}
        {ids.length > MAX_ROWS && <Typography sx={{ mt: 1 }}>Showing the first {MAX_ROWS}; the download below has all {ids.length}.</Typography>}
      </DialogContent>
      <DialogActions>
        {all.length > 0 && <Button onClick={download}>{all.length === 1 ? 'Download this booking' : `Download these ${all.length} bookings`} (CSV, with patient names)</Button>}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

interface RowProps {
  row: BookingDetail;
  name: string;
  value: number | undefined;
  showValue: boolean;
  vendorName: (ref: string | undefined) => string | undefined;
  when: (ms: number | undefined) => string;
  chartUrl?: string;
}

function DrillRow({ row, name, value, showValue, vendorName, when, chartUrl }: RowProps) {
  const [open, setOpen] = useState(false);
  const timelineId = `timeline-${row.id.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const vendor = vendorName(row.vendor) ?? row.vendor ?? '—';
  const patientId = row.patient?.startsWith('Patient/') ? row.patient.slice(8) : undefined;
  return (
    <Fragment>
      <TableRow data-testid="drill-row">
        <TableCell>{name}</TableCell>
        <TableCell>{row.serviceType ? SERVICE_LABELS[row.serviceType] ?? row.serviceType : '—'}</TableCell>
        <TableCell>{vendor}{row.attempts > 1 ? ` (${row.attempts} vendors asked)` : ''}</TableCell>
        <TableCell>{row.requestedAt === undefined ? '—' : when(row.requestedAt)}</TableCell>
        <TableCell>{row.state ? MILESTONE_LABEL[row.state] ?? row.state : 'Not sent to a vendor'}</TableCell>
        {showValue && <TableCell>{value === undefined ? '—' : formatDuration(value)}</TableCell>}
        <TableCell sx={{ whiteSpace: 'nowrap' }}>
          <Button size="small" aria-expanded={open} aria-controls={timelineId} onClick={() => setOpen(!open)}>
            {open ? 'Hide timeline' : 'Timeline'}<Box component="span" sx={visuallyHidden}> of {name}&apos;s booking</Box>
          </Button>
          {chartUrl && patientId && (
            <Link href={chartUrl.replaceAll('{patient}', encodeURIComponent(patientId))} target="_blank" rel="noopener noreferrer" sx={{ ml: 1 }}>
              Chart<Box component="span" sx={visuallyHidden}> of {name} (opens a new tab)</Box>
            </Link>
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={showValue ? 7 : 6} sx={{ bgcolor: 'action.hover' }}>
            <Box component="ol" id={timelineId} aria-label={`Timeline of ${name}'s booking`} sx={{ m: 0, pl: 3 }} data-testid="drill-timeline">
              {row.timeline.map((e, i) => (
                <li key={i}>{when(e.at)}: {describe(e, row, vendorName)}</li>
              ))}
            </Box>
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

function describe(e: TimelineEntry, row: BookingDetail, vendorName: (ref: string | undefined) => string | undefined): string {
  const vendor = vendorName(e.vendor) ?? e.vendor;
  switch (e.kind) {
    case 'discharge-order': return 'Discharge order placed';
    case 'requested': return 'Booking requested';
    case 'asked': return `Sent to ${vendor ?? 'a vendor'}`;
    case 'milestone': return `${MILESTONE_LABEL[e.code ?? ''] ?? e.code ?? 'Update'}${vendor ? ` — ${vendor}` : ''}`;
    case 'scheduled': {
      const what = row.serviceType === 'transport' ? 'Pickup' : row.serviceType === 'dme' ? 'Delivery' : 'Visit';
      const state = e.code === 'cancelled' ? ', cancelled' : e.patientConfirmed ? ', patient confirmed' : ', not yet confirmed by the patient';
      return `${what} time${state}`;
    }
    case 'message': return e.fromVendor ? `${vendor ?? 'The vendor'} contacted the patient` : 'Patient told the time';
  }
}
