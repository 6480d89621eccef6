// The handoff form: every field prefilled from the chart and editable; "Attach to
// booking" writes the QuestionnaireResponse and points the vendor Task at it.
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Booking } from '../../booking/booking-view';
import type { ChartModel } from '../../chart/chart-model';
import { buildIpass, buildSbar } from '../../handoff/handoff-builders';
import { HANDOFF_LABELS, ILLNESS_SEVERITIES, severityLabel, type HandoffKind } from '../../fhir/handoff-codes';
import { attachHandoff } from '../../handoff/handoff-writes';
import { formatDateTime } from '../booking-status';
import { chartKey, useFhir } from '../data/fhir-context';
import { ErrorNotice } from '../error-notice';

export function HandoffDialog(props: { booking: Booking; model: ChartModel; kind: HandoffKind; onClose: () => void }) {
  const { booking, model, kind, onClose } = props;
  const { api, context } = useFhir();
  const client = useQueryClient();
  const [draft, setDraft] = useState(() => (kind === 'sbar' ? buildSbar : buildIpass)(model, { booking, formatTime: formatDateTime }));
  // Made when the dialog opens: a retry after a dropped connection finds the same QuestionnaireResponse.
  const [responseId] = useState(() => crypto.randomUUID());
  const mutation = useMutation({
    mutationFn: () => attachHandoff(api, {
      draft, responseId, taskId: booking.taskId ?? '', patient: `Patient/${context.patient}`,
      encounter: context.encounter ? `Encounter/${context.encounter}` : undefined, author: context.fhirUser, now: new Date(),
    }),
    onSettled: () => client.invalidateQueries({ queryKey: chartKey(context.patient) }),
    onSuccess: onClose,
  });
  const setValue = (linkId: string, value: string) => setDraft((d) => ({ ...d, items: d.items.map((it) => (it.linkId === linkId ? { ...it, value } : it)) }));
  const label = HANDOFF_LABELS[kind];
  return (
    <Dialog open onClose={onClose} aria-labelledby="handoff-title" fullWidth maxWidth="sm">
      <DialogTitle id="handoff-title">{label} handoff: {booking.label}</DialogTitle>
      <DialogContent>
        {draft.items.map((it) => it.linkId === 'illness-severity' ? (
          <TextField key={it.linkId} select label={it.text} fullWidth margin="dense" value={it.value} onChange={(e) => setValue(it.linkId, e.target.value)}>
            {ILLNESS_SEVERITIES.map((s) => <MenuItem key={s} value={severityLabel(s)}>{severityLabel(s)}</MenuItem>)}
          </TextField>
        ) : (
          <TextField key={it.linkId} label={it.text} multiline minRows={2} fullWidth margin="dense" value={it.value} onChange={(e) => setValue(it.linkId, e.target.value)} />
        ))}
        {mutation.error && <ErrorNotice error={mutation.error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button variant="contained" disabled={mutation.isPending || !booking.taskId} onClick={() => mutation.mutate()}>
          {mutation.isPending ? 'Attaching…' : 'Attach to booking'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
