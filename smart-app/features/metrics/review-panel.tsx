// The weekly review: the last week against the one before, what improved, what
// got worse, and the bookings that waited longest for a confirmed ride.
import { Box, Button, List, ListItem, Typography } from '@mui/material';
import { isoWeek, type IsoWeek } from '../../../shared/metrics/iso-week';
import type { MetricSet } from '../../../shared/metrics/metric-set';
import { weeklyReview, type MetricChange } from '../../../shared/metrics/weekly-review';
import type { DrillTarget } from './drill-down';
import { formatDuration, formatFigure } from './metric-format';

function Changes({ title, changes, onDrill }: { title: string; changes: MetricChange[]; onDrill: (t: DrillTarget) => void }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="h4" sx={{ fontSize: '1rem', fontWeight: 600 }}>{title}</Typography>
      {changes.length === 0 ? <Typography>None.</Typography> : (
        <List dense disablePadding>
          {changes.map((c) => (
            <ListItem key={c.key} disableGutters>
              <Button size="small" sx={{ textTransform: 'none', textAlign: 'left' }} onClick={() => onDrill({ title: `${c.label}, this week`, ids: c.ids, samples: c.samples })}>
                {c.label}: {formatFigure(c.key, c.previous)} → {formatFigure(c.key, c.current)}
              </Button>
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

interface Props {
  weeks: IsoWeek[];
  overall: Record<string, MetricSet>;
  onDrill: (t: DrillTarget) => void;
  /** A booking in words (vendor, when requested), for the worst handoffs list. */
  describeBooking: (id: string) => string;
  timeZone: string;
}

export function ReviewPanel({ weeks, overall, onDrill, describeBooking, timeZone }: Props) {
  const [previousWeek, currentWeek] = weeks.slice(-2);
  const current = currentWeek && overall[currentWeek.key];
  const previous = previousWeek && overall[previousWeek.key];
  if (!currentWeek || !previousWeek || !current || !previous) return <Typography>A weekly review needs two weeks of data in the range.</Typography>;
  const review = weeklyReview(current, previous);
  return (
    <Box>
      <Typography sx={{ mb: 1 }}>
        Week of {currentWeek.monday} ({currentWeek.key}{isoWeek(Date.now(), timeZone).key === currentWeek.key ? ', in progress' : ''}) compared with the week of {previousWeek.monday}; weeks run Monday to Sunday, {timeZone}.
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { md: '1fr 1fr 1fr' }, gap: 2 }}>
        <Changes title="Improved" changes={review.improved} onDrill={onDrill} />
        <Changes title="Stalled or worse" changes={review.stalled} onDrill={onDrill} />
        <Box component="section" aria-label="Worst handoffs">
          <Typography variant="h4" sx={{ fontSize: '1rem', fontWeight: 600 }}>Worst handoffs (order to transport booked)</Typography>
          {review.worstHandoffs.length === 0 ? <Typography>None.</Typography> : (
            <List dense disablePadding>
              {review.worstHandoffs.map((s) => (
                <ListItem key={s.id} disableGutters>
                  <Button size="small" sx={{ textTransform: 'none', textAlign: 'left', justifyContent: 'flex-start' }} onClick={() => onDrill({ title: `Handoff: discharge order to transport booked, ${formatDuration(s.ms)}`, ids: [s.id], samples: [s] })}>
                    {formatDuration(s.ms)}: {describeBooking(s.id)}
                  </Button>
                </ListItem>
              ))}
            </List>
          )}
        </Box>
      </Box>
    </Box>
  );
}
