import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ReadinessItem, ReadinessStatus } from '../../shared/readiness/readiness-types';

const STATUS: Record<ReadinessStatus, { label: string; color: 'success' | 'warning' | 'error' }> = {
  ok: { label: 'ok', color: 'success' },
  partial: { label: 'partial', color: 'warning' },
  missing: { label: 'missing', color: 'error' },
};

export function ReadinessTable({ items }: { items: ReadinessItem[] }) {
  return (
    <Table size="small" sx={{ mt: 1 }} aria-label="Readiness by item">
      <TableHead>
        <TableRow>
          <TableCell>Item</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Evidence</TableCell>
          <TableCell>Fallback</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((i) => (
          <TableRow key={i.id} data-item={i.id}>
            <TableCell component="th" scope="row">{i.label}</TableCell>
            <TableCell>
              <Chip size="small" variant={i.status === 'ok' ? 'outlined' : 'filled'} color={STATUS[i.status].color} label={STATUS[i.status].label} />
            </TableCell>
            <TableCell sx={{ wordBreak: 'break-word' }}>{i.evidence}</TableCell>
            <TableCell>{i.status === 'ok' ? 'Not needed' : `${i.blocking ? 'Blocking. ' : ''}${i.fallback}`}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
