// Bookings still waiting to be sent: after a reload or a dropped connection they
// are resent automatically, and the user sees that they are pending or failed.
import { Alert } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { chartKey, useFhir } from './fhir-context';

export function OutboxResumer() {
  const { outbox, context } = useFhir();
  const client = useQueryClient();
  const waiting = useQuery({ queryKey: ['outbox'], queryFn: () => outbox.list(), refetchInterval: 2000 });
  useEffect(() => {
    void outbox.list().then((items) =>
      Promise.allSettled(items.filter((i) => i.state === 'pending').map((i) => outbox.send(i.id))).then(() =>
        client.invalidateQueries({ queryKey: chartKey(context.patient) }),
      ),
    );
  }, [outbox, client, context.patient]);
  const items = waiting.data ?? [];
  if (items.length === 0) return null;
  return (
    <Alert severity={items.some((i) => i.state === 'failed') ? 'error' : 'info'} sx={{ my: 1 }} role="status">
      {items.map((i) => `${i.summary}: ${i.state === 'failed' ? `not sent (${i.lastError ?? 'error'})` : `waiting to send (attempt ${i.attempts})`}`).join(' · ')}
    </Alert>
  );
}
