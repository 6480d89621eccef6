import { Alert, Button } from '@mui/material';
import { toUserMessage } from '../errors/user-message';

/** The UI edge: any error becomes a message a clinician can act on. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const m = toUserMessage(error);
  const action =
    m.action === 'relaunch' ? <Button color="inherit" size="small" href="launch.html">Sign in again</Button>
    : onRetry && (m.action === 'retry' || m.action === 'reload') ? <Button color="inherit" size="small" onClick={onRetry}>{m.action === 'reload' ? 'Reload' : 'Retry'}</Button>
    : undefined;
  return (
    <Alert severity="error" role="alert" action={action} sx={{ my: 1 }}>
      <strong>{m.title}.</strong> {m.detail}
    </Alert>
  );
}
