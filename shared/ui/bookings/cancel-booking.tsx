// Cancel with a reason that means something (booking/cancel-reasons.ts): a coded
// reason, words where they help (required for "Other"), recorded in the booking's
// history. When the vendor has reported the vehicle en route (or later) the dialog
// warns first and the cancel is recorded as late; the core refuses a late cancel the
// user was not warned about (the vehicle may have left after the screen loaded).
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, TextField,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import { cancelBooking, LateCancelError } from '../../booking/cancel';
import {
  CANCEL_REASON_LABEL, cancelledByFor, isCancelReason, LATE_CANCEL_MILESTONES, needsDetails, reasonsFor, type CancelReason,
} from '../../booking/cancel-reasons';
import { ErrorNotice } from '../error-notice';
import { chartKey, useFhir } from '../data/fhir-context';
import { FallbackNotice } from '../send/fallback-notice';

export function CancelBooking({ booking, onClose }: { booking: Booking; onClose: () => void }) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const [reason, setReason] = useState<CancelReason | ''>('');
  const [details, setDetails] = useState('');
  const [provenanceId] = useState(() => crypto.randomUUID());
  const mutation = useMutation({
    mutationFn: (acceptLate: boolean) => {
      if (!reason) throw new Error('no reason chosen');
      return cancelBooking(api, {
        requestType: booking.resourceType, requestId: booking.id, taskId: booking.taskId ?? '', by: cancelledByFor(reason),
        reason: details.trim() || CANCEL_REASON_LABEL[reason], reasonCode: reason, acceptLate,
        actor: context.fhirUser, provenanceId, now: new Date().toISOString(),
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
    onSuccess: onClose,
  });
  const lateError = mutation.error instanceof LateCancelError ? mutation.error : undefined;
  const lateAfter = lateError?.milestone ?? (booking.milestone && LATE_CANCEL_MILESTONES.has(booking.milestone) ? booking.milestone : undefined);
  const ready = reason !== '' && (!needsDetails(reason) || details.trim() !== '');
  return (
    <Dialog open onClose={onClose} aria-labelledby="cancel-title">
      <DialogTitle id="cancel-title">Cancel {booking.label.toLowerCase()}</DialogTitle>
      <DialogContent>
        {lateAfter && (
          <Alert severity="warning" sx={{ mb: 1 }} data-testid="late-cancel-warning">
            {lateAfter === 'picked-up' ? 'The vendor reports the patient is already picked up.' : 'The vendor reports the vehicle is en route.'}
            {' '}Cancelling now is a late cancel: the vendor may charge for the trip, and the booking&apos;s history records it as late.
          </Alert>
        )}
        <FormControl required>
          <FormLabel id="cancel-reason">Reason</FormLabel>
          <RadioGroup aria-labelledby="cancel-reason" value={reason} onChange={(e) => setReason(isCancelReason(e.target.value) ? e.target.value : '')}>
            {reasonsFor(booking.service).map((r) => <FormControlLabel key={r} value={r} control={<Radio />} label={CANCEL_REASON_LABEL[r]} />)}
          </RadioGroup>
        </FormControl>
        <TextField
          label="Details" fullWidth margin="dense" value={details} onChange={(e) => setDetails(e.target.value)}
          required={reason !== '' && needsDetails(reason)} helperText={reason === 'other' ? 'Say why: the vendor and the team read it.' : 'Optional, e.g. who drives the patient home.'}
        />
        <FallbackNotice what="the cancellation" />
        {mutation.error && !lateError && <ErrorNotice error={mutation.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Keep booking</Button>
        <Button color="error" variant="contained" disabled={!ready || mutation.isPending} onClick={() => mutation.mutate(Boolean(lateAfter))}>
          {mutation.isPending ? 'Cancelling…' : lateAfter ? 'Cancel anyway (late cancel)' : 'Cancel booking'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
