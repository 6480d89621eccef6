// "Patient notified" and "Patient confirmed" on a booked booking: each records its
// own checkpoint (a Communication; the Appointment's patient participant accepted).
import { Button } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import { recordPatientConfirmed, recordPatientNotified } from '../../workflow/checkpoints';
import { formatDateTime } from '../booking-status';
import { timeWord } from '../../booking/booking-words';
import { chartKey, useFhir } from '../data/fhir-context';
import { ErrorNotice } from '../error-notice';

export function CheckpointActions({ booking: b }: { booking: Booking }) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  // Made once per card: a retry after a dropped connection re-sends the same Communication.
  const [ids] = useState(() => ({ communication: crypto.randomUUID(), confirmed: crypto.randomUUID() }));
  const request = `${b.resourceType}/${b.id}`;
  const task = b.taskId ? `Task/${b.taskId}` : undefined;
  const refresh = () => client.invalidateQueries({ queryKey: chartKey(context.patient) });
  const notified = useMutation({
    mutationFn: () => recordPatientNotified(api, {
      request, task, patient: `Patient/${context.patient}`, actor: context.fhirUser, communicationId: ids.communication, now: new Date(),
      message: `${b.label}: ${timeWord(b.service)} ${formatDateTime(b.time)}${b.confirmation ? `, confirmation #${b.confirmation}` : ''}`,
    }),
    onSettled: refresh,
  });
  const confirmed = useMutation({
    mutationFn: () => recordPatientConfirmed(api, { request, task, actor: context.fhirUser, provenanceId: ids.confirmed, now: new Date() }),
    onSettled: refresh,
  });
  if (!b.checkpoints.booked) return null;
  return (
    <>
      {!b.checkpoints.patientNotified && (
        <Button size="small" disabled={notified.isPending} onClick={() => notified.mutate()}>Record patient notified</Button>
      )}
      {!b.checkpoints.patientConfirmed && (
        <Button size="small" disabled={confirmed.isPending} onClick={() => confirmed.mutate()}>Record patient confirmed</Button>
      )}
      {notified.error && <ErrorNotice error={notified.error} />}
      {confirmed.error && <ErrorNotice error={confirmed.error} />}
    </>
  );
}
