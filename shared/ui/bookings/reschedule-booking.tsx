// Ask the vendor for a new time. If the booking changed since the user opened
// it (412), nothing is written: the chart reloads and the user is told.
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import { rescheduleBooking } from '../../booking/reschedule';
import { ErrorNotice } from '../error-notice';
import { formatDateTime } from '../booking-status';
import { chartKey, useFhir } from '../data/fhir-context';
import { fromLocalInput, toLocalInput } from '../book-transport/transport-form';
import { FallbackNotice } from '../send/fallback-notice';

export function RescheduleBooking({ booking, onClose }: { booking: Booking; onClose: () => void }) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const [time, setTime] = useState(() => toLocalInput(booking.requestedTime ?? booking.time));
  const [provenanceId] = useState(() => crypto.randomUUID());
  // What the user saw when they opened the dialog: a change after that is theirs to review first.
  const [seen] = useState(() => ({ task: booking.taskVersion, request: booking.requestVersion }));
  const mutation = useMutation({
    mutationFn: () => {
      const start = fromLocalInput(time) ?? '';
      return rescheduleBooking(api, {
        requestType: booking.resourceType, requestId: booking.id, taskId: booking.taskId ?? '',
        seen,
        start, end: start && booking.service === 'transport' ? new Date(Date.parse(start) + 30 * 60_000).toISOString() : undefined,
        actor: context.fhirUser, provenanceId, now: new Date().toISOString(),
      });
    },
    // Success or conflict, show what the server holds now.
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
    onSuccess: onClose,
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="reschedule-title">
      <DialogTitle id="reschedule-title">Reschedule {booking.label.toLowerCase()}</DialogTitle>
      <DialogContent>
        <DialogContentText>Now: {formatDateTime(booking.time)}. The vendor will be asked to confirm the new time.</DialogContentText>
        <TextField label="New time" type="datetime-local" fullWidth margin="dense" value={time} onChange={(e) => setTime(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <FallbackNotice what="the new time" />
        {mutation.error && <ErrorNotice error={mutation.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep the time</Button>
        <Button variant="contained" disabled={!time || mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? 'Sending…' : 'Request new time'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
