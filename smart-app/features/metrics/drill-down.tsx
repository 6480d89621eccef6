// The bookings behind a number: opened from any figure, lists each booking and
// its patient so a reviewer can go from "12% declined" to the cases themselves.
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { BookingRef } from './use-metrics';

export interface DrillTarget { title: string; ids: string[] }
const MAX_ROWS = 300;

export function DrillDown({ target, bookingOf, onClose }: { target: DrillTarget | undefined; bookingOf: (id: string) => BookingRef; onClose: () => void }) {
  const ids = target?.ids ?? [];
  return (
    <Dialog open={target !== undefined} onClose={onClose} aria-labelledby="drill-title" maxWidth="md" fullWidth>
      <DialogTitle id="drill-title">{target?.title}</DialogTitle>
      {/* Focusable so a long list scrolls from the keyboard too. */}
      <DialogContent tabIndex={0} role="region" aria-label="Bookings list">
        <Typography sx={{ mb: 1 }}>{ids.length === 1 ? '1 item' : `${ids.length} items`}</Typography>
        {ids.length > 0 && (
          <Table size="small" aria-label="Bookings behind this figure">
            <TableHead><TableRow><TableCell>Booking</TableCell><TableCell>Patient</TableCell><TableCell>Counted as</TableCell></TableRow></TableHead>
            <TableBody>
              {ids.slice(0, MAX_ROWS).map((id) => {
                const b = bookingOf(id);
                return (
                  <TableRow key={id} data-testid="drill-row">
                    <TableCell>{b.booking}</TableCell>
                    <TableCell>{b.patient ?? '—'}</TableCell>
                    <TableCell>{id === b.booking ? 'booking' : id}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        {ids.length > MAX_ROWS && <Typography sx={{ mt: 1 }}>Showing the first {MAX_ROWS}; download the CSV for the figures by week.</Typography>}
      </DialogContent>
      <DialogActions><Button onClick={onClose}>Close</Button></DialogActions>
    </Dialog>
  );
}
