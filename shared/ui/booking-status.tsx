// Status and checkpoint badges used by both shells (app and extension side panel).
import { Chip, Stack } from '@mui/material';
import type { Booking } from '../booking/booking-view';

// The labels live in shared/booking/booking-words.ts (no React) so the extension background can use them too.
export { MILESTONE_LABEL, milestoneLabel } from '../booking/booking-words';
import { milestoneLabel } from '../booking/booking-words';

type Tone = 'default' | 'success' | 'warning' | 'error' | 'info';
function toneOf(b: Booking): Tone {
  if (b.taskStatus === 'cancelled' || b.taskStatus === 'failed' || b.taskStatus === 'rejected') return 'error';
  if (b.milestone === 'reschedule-requested') return 'warning';
  if (b.taskStatus === 'completed') return 'success';
  if (b.checkpoints.booked) return 'success';
  return 'info';
}

export function StatusChip({ booking }: { booking: Booking }) {
  return <Chip size="small" color={toneOf(booking)} label={milestoneLabel(booking)} variant="filled" />;
}

export function CheckpointBadges({ booking }: { booking: Booking }) {
  const items: [string, boolean][] = [
    ['Booked', booking.checkpoints.booked],
    ['Patient notified', booking.checkpoints.patientNotified],
    ['Patient confirmed', booking.checkpoints.patientConfirmed],
    ['Handoff acknowledged', booking.checkpoints.handoffAcknowledged],
  ];
  return (
    <Stack direction="row" spacing={0.5} component="ul" aria-label="Checkpoints" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {items.map(([label, done]) => (
        <li key={label}>
          <Chip size="small" variant="outlined" color={done ? 'success' : 'default'} label={`${done ? '✓' : '○'} ${label}`} aria-label={`${label}: ${done ? 'done' : 'not yet'}`} />
        </li>
      ))}
    </Stack>
  );
}

// One clock (shared/time/facility-clock.ts): the facility's zone, one format, never "24:00".
export { formatDateTime, formatTime } from '../time/facility-clock';
