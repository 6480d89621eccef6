// The same figures side by side per service type and per vendor: where a
// team sees which vendor declines most or which service completes least.
import { Button, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { MetricSet } from '../../../shared/metrics/metric-set';
import { REVIEW_ITEMS } from '../../../shared/metrics/weekly-review';
import type { DrillTarget } from './drill-down';
import { figureDetail, formatFigure } from './metric-format';

const COLUMNS = ['orderToTransportConfirmation.median', 'completionRate', 'rescheduleOrCancelRate', 'homeHealthContactInTime', 'declineRate', 'onTimeRate', 'notifiedInTime']
  .map((key) => REVIEW_ITEMS.find((i) => i.key === key))
  .filter((i) => i !== undefined);

export interface SliceRow { key: string; label: string; set: MetricSet }

export function SliceTable({ caption, rows, onDrill }: { caption: string; rows: SliceRow[]; onDrill: (t: DrillTarget) => void }) {
  return (
    <Table size="small" aria-label={caption} sx={{ mb: 2 }}>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">{caption.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase())}</TableCell>
          {COLUMNS.map((c) => <TableCell key={c.key} component="th" scope="col">{c.label}</TableCell>)}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key} data-testid={`slice-${row.key}`}>
            <TableCell component="th" scope="row">{row.label}</TableCell>
            {COLUMNS.map((c) => {
              const { value, n, ids, samples } = c.read(row.set);
              const detail = figureDetail(c.key, n, ids);
              return (
                <TableCell key={c.key} data-metric={c.key}>
                  {n === 0 ? '—' : (
                    <Button size="small" sx={{ textTransform: 'none', p: 0, minWidth: 0 }}
                      aria-label={`${row.label}, ${c.label}: ${formatFigure(c.key, value)} (${detail}), show bookings`}
                      onClick={() => onDrill({ title: `${row.label}: ${c.label}`, ids, samples })}>
                      {formatFigure(c.key, value)} ({detail})
                    </Button>
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
