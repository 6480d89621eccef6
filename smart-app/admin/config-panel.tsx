// The deployment configuration as the app sees it at start-up, or the problem
// that stops it, naming the field.
import { Alert, Paper, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import type { ConfigResult, DeploymentConfig } from '../../shared/config/deployment-config';

function rows(config: DeploymentConfig): [string, string][] {
  return [
    ['clientId', config.clientId],
    ['extensionClientId', config.extensionClientId],
    ['extensionId', config.extensionId],
    ['issAllowList', config.issAllowList.join(', ')],
    ['standaloneIss', config.standaloneIss],
    ['ehrOrigins', config.ehrOrigins?.join(', ') ?? '(the FHIR servers’ origins)'],
    ['connectOrigins', config.connectOrigins.join(', ') || '(none)'],
    ['bookingsServer', config.bookingsServer],
    ['vendorDirectory', config.vendorDirectory],
    ['pollMs', String(config.pollMs)],
    ['timeZone', config.timeZone ?? '(the browser’s)'],
    ['chartUrl', config.chartUrl ?? '(none: drill-down rows do not link to the chart)'],
    ['scopes.v2', config.scopes.v2.join(' ')],
    ['scopes.v1', config.scopes.v1.join(' ')],
    ...Object.entries(config.features).map(([flag, on]): [string, string] => [`features.${flag}`, on ? 'on' : 'off']),
  ];
}

export function ConfigPanel({ config }: { config: ConfigResult }) {
  return (
    <Paper component="section" aria-labelledby="config-heading" variant="outlined" sx={{ p: 2, mb: 2 }}>
      <Typography id="config-heading" variant="h2" gutterBottom>This deployment&apos;s configuration</Typography>
      <Typography sx={{ mb: 1 }}>
        Read from the host&apos;s <code>carerelay-config</code> block, then build-time <code>VITE_CARERELAY_*</code> values, then the sandbox defaults.
      </Typography>
      {config.ok ? (
        <Table size="small" aria-label="Configuration values">
          <TableBody>
            {rows(config.config).map(([field, value]) => (
              <TableRow key={field}>
                <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}><code>{field}</code></TableCell>
                <TableCell sx={{ wordBreak: 'break-word' }}>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Alert severity="error" role="alert" data-field={config.field}>{config.message}. Fix it where the deployment sets it, then reload.</Alert>
      )}
    </Paper>
  );
}
