// Handoffs on a booked card: start an SBAR or I-PASS (the dialog loads lazily), see
// which one is attached, and let the receiver acknowledge it. The sender is not the
// receiver: the author sees "waiting for the receiver" instead of the button. A booking
// that has ended (completed, cancelled) takes no new handoff.
import { Button, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import type { ChartModel } from '../../chart/chart-model';
import { HANDOFF_LABELS, type HandoffKind } from '../../fhir/handoff-codes';
import { TERMINAL, isTaskStatus } from '../../booking/task-status';
import { acknowledgeHandoff, isOwnHandoff } from '../../handoff/handoff-writes';
import { chartKey, useFhir } from '../data/fhir-context';
import { ErrorNotice } from '../error-notice';

// The dialog pulls in MUI's modal stack: loaded only when someone writes a handoff.
const HandoffDialog = lazy(() => import('./handoff-dialog').then((m) => ({ default: m.HandoffDialog })));

export function HandoffActions({ booking: b, model }: { booking: Booking; model: ChartModel }) {
  const { api, context } = useFhir();
  const client = useQueryClient();
  const [writing, setWriting] = useState<HandoffKind | undefined>();
  // Made once per card: a retried acknowledgement PUTs the same Provenance.
  const [provenanceId] = useState(() => crypto.randomUUID());
  const ack = useMutation({
    mutationFn: (response: string) => acknowledgeHandoff(api, { response, provenanceId, actor: context.fhirUser, now: new Date() }),
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
  });
  if (!b.checkpoints.booked || !b.taskId) return null;
  const handoff = b.handoff;
  if (handoff) {
    return (
      <>
        <Typography component="span" variant="body2" data-testid="handoff-status">
          Handoff attached{handoff.kind ? ` (${HANDOFF_LABELS[handoff.kind]})` : ''}
        </Typography>
        {!handoff.acknowledged && isOwnHandoff(handoff.author, context.fhirUser) && (
          <Typography component="span" variant="body2" color="text.secondary" data-testid="handoff-waiting">Waiting for the receiver to acknowledge</Typography>
        )}
        {!handoff.acknowledged && !isOwnHandoff(handoff.author, context.fhirUser) && (
          <Button size="small" disabled={ack.isPending} onClick={() => ack.mutate(handoff.reference)}>Acknowledge handoff</Button>
        )}
        {ack.error && <ErrorNotice error={ack.error} />}
      </>
    );
  }
  if (b.taskStatus && isTaskStatus(b.taskStatus) && TERMINAL.has(b.taskStatus)) return null;
  return (
    <>
      <Button size="small" onClick={() => setWriting('sbar')}>Hand off (SBAR)</Button>
      <Button size="small" onClick={() => setWriting('ipass')}>Hand off (I-PASS)</Button>
      {writing && (
        <Suspense fallback={null}>
          <HandoffDialog booking={b} model={model} kind={writing} onClose={() => setWriting(undefined)} />
        </Suspense>
      )}
    </>
  );
}
