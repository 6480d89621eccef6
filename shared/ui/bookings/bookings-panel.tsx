// Every logistics booking of this patient, live: status, milestone, vendor,
// time, confirmation number, checkpoints, and a timeline per booking.
import { Alert, Box, Button, Card, CardContent, Collapse, Typography } from '@mui/material';
import { lazy, Suspense, useState } from 'react';
import type { ChartModel } from '../../chart/chart-model';
import type { Booking } from '../../booking/booking-view';
import { TERMINAL, isTaskStatus } from '../../booking/task-status';
import { isEnded, timeTitle, timeWord } from '../../booking/booking-words';
import { lateWords } from '../../booking/booking-timeline';
import { earlyReports } from '../../booking/early-reports';
import { CheckpointBadges, formatDateTime, formatTime, milestoneLabel, StatusChip } from '../booking-status';
import { CheckpointActions } from './checkpoint-actions';
import { HandoffActions } from './handoff-actions';
import { SendNotice } from '../send/send-notice';
import { deadEndOf } from '../../booking/dead-end';
import { LOOKING_FOR_NEXT } from '../../booking/booking-notices';
import { DeadEndPanel } from './dead-end-panel';

// The cancel dialog pulls in MUI's modal stack: loaded only when someone cancels.
const CancelBooking = lazy(() => import('./cancel-booking').then((m) => ({ default: m.CancelBooking })));
const RescheduleBooking = lazy(() => import('./reschedule-booking').then((m) => ({ default: m.RescheduleBooking })));

/** `exhausted`: requests no other eligible vendor can take (from dispatch). */
export function BookingsPanel({ model, exhausted = [] }: { model: ChartModel; exhausted?: string[] }) {
  if (model.bookings.length === 0) return <><SendNotice /><Typography>No logistics bookings yet for this patient.</Typography></>;
  return (
    <>
      <SendNotice />
      <Box component="ul" aria-label="Bookings" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
        {model.bookings.map((b) => <BookingCard key={b.id} booking={b} model={model} exhausted={exhausted.includes(`${b.resourceType}/${b.id}`)} />)}
      </Box>
    </>
  );
}

/** The headline: status, then the confirmed pickup / visit / delivery time, unless the booking has ended. */
export function bookingSummary(b: Booking): string {
  const parts = [milestoneLabel(b)];
  if (isEnded(b)) return parts.join(', ');
  if (b.timeIsConfirmed && b.time) parts.push(`${timeWord(b.service)} ${formatTime(b.time)}`);
  if (b.confirmation) parts.push(`confirmation #${b.confirmation}`);
  return parts.join(', ');
}

function BookingCard({ booking: b, model, exhausted }: { booking: Booking; model: ChartModel; exhausted: boolean }) {
  const [open, setOpen] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const canCancel = b.taskStatus !== undefined && isTaskStatus(b.taskStatus) && !TERMINAL.has(b.taskStatus);
  // One truth: a dead end replaces "looking for the next vendor" (dead-end.ts).
  const deadEnd = deadEndOf(b, model.services, model.organizations, { postalCode: model.proposal?.dropoff?.address.postalCode });
  const notices = deadEnd ? b.notices.filter((n) => !n.endsWith(LOOKING_FOR_NEXT)) : b.notices;
  return (
    <Card component="li" variant="outlined" data-testid="booking" data-booking-id={b.id}>
      <CardContent sx={{ py: 1, '&:last-child': { pb: 1 } }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography component="h3" variant="h3">{b.label}</Typography>
          <StatusChip booking={b} />
          <Typography component="span" data-testid="booking-summary">{bookingSummary(b)}</Typography>
        </Box>
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          Vendor: {b.vendorName ?? '—'} · {b.timeIsConfirmed ? timeTitle(b.service) : `Requested ${timeWord(b.service)}`}: {formatDateTime(b.time)}
          {b.attempts > 1 ? ` · vendor attempt ${b.attempts}` : ''}
          {b.dueBy && b.service !== 'transport' ? ` · due by ${formatDateTime(b.dueBy)}` : ''}
          {b.tripId ? ` · ${tripText(b)}` : ''}
        </Typography>
        {notices.map((n) => <Alert key={n} severity="info" sx={{ mt: 0.5, py: 0 }} data-testid="booking-notice">{n}</Alert>)}
        {b.cancellation && <CancellationLine booking={b} />}
        {b.bookedByPhone && <Alert severity="info" sx={{ mt: 0.5, py: 0 }} data-testid="booked-by-phone">Booked by phone with {b.vendorName ?? 'the vendor'}{b.confirmation ? `, confirmation #${b.confirmation}` : ''}.</Alert>}
        {deadEnd ? <DeadEndPanel booking={b} model={model} deadEnd={deadEnd} />
          : exhausted && <Alert severity="warning" sx={{ mt: 0.5, py: 0 }}>No other vendor in the directory can take this booking: call a vendor, or change the request.</Alert>}
        {earlyReports(b).map((r) => <Alert key={`${r.milestone}-${r.at}`} severity="warning" role="status" sx={{ mt: 0.5, py: 0 }} data-testid="early-report">{r.text}</Alert>)}
        <Box sx={{ mt: 0.5, display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <CheckpointBadges booking={b} />
          <CheckpointActions booking={b} />
          <HandoffActions booking={b} model={model} />
          <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? 'Hide timeline' : 'Timeline'}</Button>
          {canCancel && <Button size="small" onClick={() => setRescheduling(true)}>Reschedule</Button>}
          {canCancel && <Button size="small" color="error" onClick={() => setCancelling(true)}>Cancel booking</Button>}
        </Box>
        <Collapse in={open}>
          <Box component="ol" aria-label="Timeline" sx={{ my: 0.5, pl: 3 }}>
            {b.timeline.length === 0 ? <li>No recorded changes yet.</li> : b.timeline.map((e, i) => (
              <li key={i}>{formatDateTime(e.at, { seconds: sharesMinute(b.timeline, e.at) })}: {e.text ?? milestoneLabel({ milestone: e.milestone, requestStatus: '' })}{e.detail ? ` (${e.detail})` : ''}{e.by ? `, by ${e.by}` : ''}</li>
            ))}
          </Box>
        </Collapse>
        {cancelling && (
          <Suspense fallback={null}>
            <CancelBooking booking={b} onClose={() => setCancelling(false)} />
          </Suspense>
        )}
        {rescheduling && (
          <Suspense fallback={null}>
            <RescheduleBooking booking={b} onClose={() => setRescheduling(false)} />
          </Suspense>
        )}
      </CardContent>
    </Card>
  );
}

/** Why it was cancelled, whether late, and whether the vendor has acknowledged it. */
function CancellationLine({ booking: b }: { booking: Booking }) {
  const c = b.cancellation;
  if (!c) return null;
  const vendor = b.vendorRef?.startsWith('Organization/') ? b.vendorName ?? 'The vendor' : undefined;
  const parts = [
    c.description ? `Reason: ${c.description}` : undefined,
    c.lateAfter ? lateWords(c.lateAfter).replace(/^l/, 'L') : undefined,
    vendor ? (c.acknowledged ? `${vendor} acknowledged the cancellation` : `Waiting for ${vendor} to acknowledge the cancellation`) : undefined,
  ].filter(Boolean);
  return <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="cancellation">{parts.join(' · ')}</Typography>;
}

/** Seconds on the timeline only where events share a minute (they would read as simultaneous). */
export function sharesMinute(timeline: readonly { at: string }[], at: string): boolean {
  const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000);
  return timeline.filter((e) => minute(e.at) === minute(at)).length > 1;
}

function tripText(b: Booking): string {
  if (b.leg === 'outbound') return 'round trip, outbound leg';
  if (b.leg === 'return') return b.willCall ? 'round trip, return leg: will-call (the patient or the unit calls when ready)' : 'round trip, return leg';
  return 'part of a round trip';
}
