// Goals, activities with the live status of their bookings, and the care team.
import { Box, List, ListItem, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ChartModel } from '../../../shared/chart/chart-model';
import { CheckpointBadges, formatDateTime, StatusChip } from '../../../shared/ui/booking-status';

export function CarePlanPanel({ model }: { model: ChartModel }) {
  const plan = model.carePlan;
  if (!plan) return <Typography>No active care plan is recorded for this patient.</Typography>;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 2fr) minmax(0, 1fr)' }, gap: 2 }}>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="h2" component="h2">{plan.title}</Typography>
        <Typography variant="h3" component="h3" sx={{ mt: 1.5 }}>Goals</Typography>
        {plan.goals.length === 0 ? <Typography>No goals recorded.</Typography> : (
          <Table size="small" aria-label="Goals">
            <TableHead><TableRow><TableCell>Goal</TableCell>{['Target', 'Due', 'Status'].map((h) => <TableCell key={h} sx={{ whiteSpace: 'nowrap' }}>{h}</TableCell>)}</TableRow></TableHead>
            <TableBody>
              {plan.goals.map((g) => (
                <TableRow key={g.id}>
                  <TableCell>{g.description}</TableCell>
                  <TableCell>{g.target ?? '—'}</TableCell>
                  <TableCell>{g.due ?? '—'}</TableCell>
                  <TableCell>{[g.lifecycle, g.achievement].filter(Boolean).join(' · ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Typography variant="h3" component="h3" sx={{ mt: 1.5 }}>Activities</Typography>
        {plan.activities.length === 0 ? <Typography>No activities recorded.</Typography> : (
          <Table size="small" aria-label="Activities">
            <TableHead><TableRow>{['Activity', 'Status', 'Owner', 'Next'].map((h) => <TableCell key={h} sx={{ whiteSpace: 'nowrap' }}>{h}</TableCell>)}</TableRow></TableHead>
            <TableBody>
              {plan.activities.map((a) => (
                <TableRow key={a.key}>
                  <TableCell>{a.title}{a.booking && <Box sx={{ mt: 0.5 }}><CheckpointBadges booking={a.booking} /></Box>}</TableCell>
                  <TableCell>{a.booking ? <StatusChip booking={a.booking} /> : a.status}</TableCell>
                  <TableCell>{a.booking?.vendorName ?? '—'}</TableCell>
                  <TableCell>{a.nextWord && a.next ? `${a.nextWord} ${formatDateTime(a.next)}` : formatDateTime(a.next)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
      <Box component="section" aria-labelledby="care-team-heading">
        <Typography variant="h3" component="h3" id="care-team-heading">Care team</Typography>
        {plan.team.length === 0 ? <Typography>No care team recorded.</Typography> : (
          <List dense>
            {plan.team.map((m, i) => (
              <ListItem key={`${m.role}-${i}`} disableGutters>
                <Typography component="span"><strong>{m.role}:</strong> {m.name}</Typography>
              </ListItem>
            ))}
          </List>
        )}
      </Box>
    </Box>
  );
}
