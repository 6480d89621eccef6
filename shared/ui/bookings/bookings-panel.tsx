// Every logistics booking of this patient, live: status, milestone, vendor,
// time, confirmation number, checkpoints, and a timeline per booking.
import { Box, Button, Card, CardContent, Collapse, Typography } from '@mui/material';
import { useState } from 'react';
import type { ChartModel } from '../../chart/chart-model';
import type { Booking } from '../../booking/booking-view';
import { TERMINAL, isTaskStatus } from '../../booking/task-status';
import { CheckpointBadges, formatDateTime, formatTime, milestoneLabel, StatusChip } from '../booking-status';
import { CancelBooking } from './cancel-booking';

export function BookingsPanel({ model }: { model: ChartModel }) {
  if (model.bookings.length === 0) return <Typography>No logistics bookings yet for this patient.</Typography>;
  return (
    <Box component="ul" aria-label="Bookings" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
      {model.bookings.map((b) => <BookingCard key={b.id} booking={b} />)}
    </Box>
  );
}

export function bookingSummary(b: Booking): string {
  const parts = [milestoneLabel(b)];
  if (b.timeIsConfirmed && b.time) parts.push(`pickup ${formatTime(b.time)}`);
  if (b.confirmation) parts.push(`confirmation #${b.confirmation}`);
  return parts.join(', ');
}

function BookingCard({ booking: b }: { booking: Booking }) {
  const [open, setOpen] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const canCancel = b.taskStatus !== undefined && isTaskStatus(b.taskStatus) && !TERMINAL.has(b.taskStatus);
  return (
    <Card component="li" variant="outlined" data-testid="booking" data-booking-id={b.id}>
      <CardContent sx={{ py: 1, '&:last-child': { pb: 1 } }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography component="h3" variant="h3">{b.label}</Typography>
          <StatusChip booking={b} />
          <Typography component="span" data-testid="booking-summary">{bookingSummary(b)}</Typography>
        </Box>
        <Typography variant="body2" sx={{ mt: 0.5 }}>
          Vendor: {b.vendorName ?? '—'} · {b.timeIsConfirmed ? 'Pickup' : 'Requested'}: {formatDateTime(b.time)}
          {b.attempts > 1 ? ` · vendor attempt ${b.attempts}` : ''}
        </Typography>
        <Box sx={{ mt: 0.5, display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <CheckpointBadges booking={b} />
          <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? 'Hide timeline' : 'Timeline'}</Button>
          {canCancel && <Button size="small" color="error" onClick={() => setCancelling(true)}>Cancel booking</Button>}
        </Box>
        <Collapse in={open}>
          <Box component="ol" aria-label="Timeline" sx={{ my: 0.5, pl: 3 }}>
            {b.timeline.length === 0 ? <li>No recorded changes yet.</li> : b.timeline.map((e, i) => (
              <li key={i}>{formatDateTime(e.at)}: {milestoneLabel({ milestone: e.milestone, requestStatus: '' })}{e.by ? ` (${e.by})` : ''}</li>
            ))}
          </Box>
        </Collapse>
        {cancelling && <CancelBooking booking={b} onClose={() => setCancelling(false)} />}
      </CardContent>
    </Card>
  );
}
