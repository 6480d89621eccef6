// After a send that survived failures, say what happened and that the booking
// exists once: the user saw a spinner for longer than usual and deserves to know why.
import { Alert } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SentBooking } from '../../booking/outbox';
import { toUserMessage } from '../../errors/user-message';
import { formatDateTime } from '../booking-status';

const KEY = ['carerelay', 'last-send'] as const;

export interface SendNote {
  summary: string;
  sent: SentBooking;
  /** The name of whoever booked the slot first, when the server told us someone had. */
  bookedBy?: string;
}

/** Another nurse booked this trip first: nothing new was sent, and the existing booking is the one shown. */
export function alreadyBookedText(note: SendNote): string | undefined {
  const a = note.sent.alreadyBooked;
  if (!a) return undefined;
  const at = a.authoredOn ? ` at ${formatDateTime(a.authoredOn)}` : '';
  return `Already booked by ${note.bookedBy ?? a.requester ?? 'another user'}${at}: ${note.summary} was not sent again. The existing booking is below; to book a second one on purpose, book again and give the reason.`;
}

export function sendNoteText(note: SendNote): string | undefined {
  const parts: string[] = [];
  if (note.sent.problems.length > 0) {
    const what = [...new Set(note.sent.problems.map((p) => toUserMessage(p).title))].join('; ');
    parts.push(`${note.summary} was booked once, after ${note.sent.problems.length + 1} tries (${what}). CareRelay resent the same booking, so the EHR holds it only once.`);
  }
  return parts.length ? parts.join(' ') : undefined;
}

export function useRecordSend() {
  const client = useQueryClient();
  return (note: SendNote) => client.setQueryData(KEY, note);
}

export function SendNotice() {
  const { data } = useQuery<SendNote | null>({ queryKey: KEY, queryFn: () => null, staleTime: Infinity, enabled: false });
  const taken = data ? alreadyBookedText(data) : undefined;
  if (taken) return <Alert severity="warning" role="alert" sx={{ mb: 1 }} data-testid="already-booked">{taken}</Alert>;
  const text = data ? sendNoteText(data) : undefined;
  if (!text) return null;
  return <Alert severity="info" role="status" sx={{ mb: 1 }} data-testid="send-notice">{text}</Alert>;
}
