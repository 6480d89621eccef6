// Before a booking is sent: an active booking of the same service for this patient
// on the same day is shown (what, when, vendor, status), and sending another needs
// a stated reason, which goes on the order (see booking/duplicate-guard.ts).
import { Alert, AlertTitle, TextField } from '@mui/material';
import { useState, type ReactNode } from 'react';
import type { ChartModel } from '../../chart/chart-model';
import { activeDuplicates, slotGeneration, type BookingWindow } from '../../booking/duplicate-guard';
import { timeWord } from '../../booking/booking-words';
import type { ServiceType } from '../../fhir/codes';
import { formatDateTime, milestoneLabel } from '../booking-status';

export interface DuplicateGuard {
  /** Why SendBar cannot send yet, if a reason is owed. */
  missing?: string;
  /** What the booking's draft carries from this check: the stated reason and the slot generation. */
  draft: { secondReason?: string; slotGeneration?: number };
  element: ReactNode;
}

export function useDuplicateGuard(model: ChartModel, service: ServiceType, span: BookingWindow): DuplicateGuard {
  const [reason, setReason] = useState('');
  const existing = activeDuplicates(model.bookings, service, span);
  const generation = slotGeneration(model.bookings, service, span);
  const slot = generation ? { slotGeneration: generation } : {};
  if (existing.length === 0) return { element: null, draft: slot };
  const element = (
    <Alert severity="warning" data-testid="duplicate-check" aria-labelledby="duplicate-title">
      <AlertTitle id="duplicate-title">Already booked for this patient</AlertTitle>
      <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
        {existing.map((b) => (
          <li key={b.id} data-testid="existing-booking">
            {b.label}: {b.willCall ? 'will-call' : `${timeWord(b.service)} ${formatDateTime(b.time)}`} · {b.vendorName ?? 'no vendor yet'} · {milestoneLabel(b)}
          </li>
        ))}
      </ul>
      <TextField
        sx={{ mt: 1, width: '100%', maxWidth: 520, bgcolor: 'background.paper' }} size="small" required
        label="Reason for another booking" value={reason} onChange={(e) => setReason(e.target.value)}
        helperText="For example: second leg, different equipment. It is written on the order."
      />
    </Alert>
  );
  const stated = reason.trim();
  return stated ? { element, draft: { ...slot, secondReason: stated } } : { element, draft: slot, missing: 'a reason for booking again (one is already active)' };
}
