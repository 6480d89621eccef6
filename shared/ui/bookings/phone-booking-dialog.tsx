// "Record a booking made by phone": the vendor the case manager called, the time
// it agreed to and its confirmation number. The booking becomes booked with that
// vendor (phone-booking.ts), and any open exception step about it is completed.
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { recordPhoneBooking } from '../../booking/phone-booking';
import { openExceptionSteps } from '../../workflow/exception-steps';
import { ErrorNotice } from '../error-notice';
import { chartKey, useFhir } from '../data/fhir-context';
import { fromLocalInput, toLocalInput } from '../book-transport/transport-form';
import { FallbackNotice } from '../send/fallback-notice';

export interface PhoneVendor {
  organization: string;
  name: string;
  phone?: string;
  /** "HealthcareService/…": the vendor's participant on the Appointment. */
  healthcareService?: string;
}

export interface PhoneBookingProps {
  requestType: 'ServiceRequest' | 'DeviceRequest';
  requestId: string;
  /** "trip", "visit", "delivery": the words for the time field. */
  timeWord: string;
  vendors: PhoneVendor[];
  initialTime?: string;
  onClose: () => void;
  /** Also refresh this query (the worklist) after writing. */
  alsoRefresh?: readonly unknown[];
}

export function PhoneBookingDialog(p: PhoneBookingProps) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const [vendor, setVendor] = useState('');
  const [time, setTime] = useState(() => toLocalInput(p.initialTime));
  const [confirmation, setConfirmation] = useState('');
  const chosen = p.vendors.find((v) => v.organization === vendor);
  const mutation = useMutation({
    mutationFn: async () => {
      const requestRef = `${p.requestType}/${p.requestId}`;
      const steps = await openExceptionSteps(api, requestRef);
      return recordPhoneBooking(api, {
        requestType: p.requestType, requestId: p.requestId,
        vendor: { organization: chosen?.organization ?? '', name: chosen?.name ?? '', ...(chosen?.healthcareService ? { healthcareService: chosen.healthcareService } : {}) },
        start: fromLocalInput(time) ?? '', confirmation, actor: context.fhirUser, now: new Date().toISOString(), steps, newId: () => crypto.randomUUID(),
      });
    },
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: chartKey(context.patient) });
      if (p.alsoRefresh) await client.invalidateQueries({ queryKey: p.alsoRefresh });
    },
    onSuccess: p.onClose,
  });
  const ready = Boolean(chosen && fromLocalInput(time) && confirmation.trim());
  return (
    <Dialog open onClose={p.onClose} aria-labelledby="phone-booking-title">
      <DialogTitle id="phone-booking-title">Record a booking made by phone</DialogTitle>
      <DialogContent>
        <DialogContentText>The vendor you called, the {p.timeWord} time it agreed to, and its confirmation number. The booking becomes booked with that vendor, recorded as made by phone by you.</DialogContentText>
        <TextField select label="Vendor" fullWidth margin="dense" value={vendor} onChange={(e) => setVendor(e.target.value)}>
          {p.vendors.map((v) => <MenuItem key={v.organization} value={v.organization}>{v.name}{v.phone ? ` (${v.phone})` : ''}</MenuItem>)}
        </TextField>
        <TextField label={`${p.timeWord.charAt(0).toUpperCase()}${p.timeWord.slice(1)} time`} type="datetime-local" fullWidth margin="dense" value={time} onChange={(e) => setTime(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField label="Confirmation number" fullWidth margin="dense" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
        <FallbackNotice what="the booking" />
        {mutation.error && <ErrorNotice error={mutation.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={p.onClose}>Close</Button>
        <Button variant="contained" disabled={!ready || mutation.isPending} onClick={() => mutation.mutate()}>
          {mutation.isPending ? 'Recording…' : 'Record booking'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
