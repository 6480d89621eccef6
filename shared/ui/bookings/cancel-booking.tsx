// Cancel with a reason (who cancelled, and why), recorded in the booking's history.
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, TextField, FormLabel, FormControl } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import { cancelBooking, type CancelledBy } from '../../booking/cancel';
import { ErrorNotice } from '../error-notice';
import { chartKey, useFhir } from '../data/fhir-context';
import { FallbackNotice } from '../send/fallback-notice';

export function CancelBooking({ booking, onClose }: { booking: Booking; onClose: () => void }) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const [by, setBy] = useState<CancelledBy>('facility');
  const [reason, setReason] = useState('');
  const [provenanceId] = useState(() => crypto.randomUUID());
  const mutation = useMutation({
    mutationFn: () => cancelBooking(api, {
      requestType: booking.resourceType, requestId: booking.id, taskId: booking.taskId ?? '', by, reason, actor: context.fhirUser, provenanceId, now: new Date().toISOString(),
    }),
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
    onSuccess: onClose,
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="cancel-title">
      <DialogTitle id="cancel-title">Cancel {booking.label.toLowerCase()}</DialogTitle>
      <DialogContent>
        <FormControl>
          <FormLabel id="cancel-by">Cancelled by</FormLabel>
          <RadioGroup row aria-labelledby="cancel-by" value={by} onChange={(e) => setBy(e.target.value === 'patient' || e.target.value === 'vendor' ? e.target.value : 'facility')}>
            <FormControlLabel value="facility" control={<Radio />} label="Facility" />
            <FormControlLabel value="patient" control={<Radio />} label="Patient" />
            <FormControlLabel value="vendor" control={<Radio />} label="Vendor" />
          </RadioGroup>
        </FormControl>
        <TextField label="Reason" required fullWidth margin="dense" value={reason} onChange={(e) => setReason(e.target.value)} />
        <FallbackNotice what="the cancellation" />
        {mutation.error && <ErrorNotice error={mutation.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep booking</Button>
        <Button color="error" variant="contained" disabled={!reason.trim() || mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? 'Cancelling…' : 'Cancel booking'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
