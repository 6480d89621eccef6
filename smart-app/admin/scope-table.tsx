import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ScopeReason } from '../../shared/smart/scopes';

export function ScopeTable({ caption, scopes }: { caption: string; scopes: ScopeReason[] }) {
  return (
    <Table size="small" sx={{ mb: 1, '& caption': { captionSide: 'top', px: 0, color: 'text.primary' } }}>
      <caption>{caption}</caption>
      <TableHead>
        <TableRow>
          <TableCell>Scope</TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {scopes.map((s) => (
          <TableRow key={s.scope}>
            <TableCell component="th" scope="row"><code>{s.scope}</code></TableCell>
            <TableCell>{s.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
