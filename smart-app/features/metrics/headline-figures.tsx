// The headline numbers for the whole selection, each one a way into the bookings behind it.
import { Box, Button, Typography } from '@mui/material';
import type { MetricSet } from '../../../shared/metrics/metric-set';
import { REVIEW_ITEMS } from '../../../shared/metrics/weekly-review';
import type { DrillTarget } from './drill-down';
import { figureDetail, formatFigure } from './metric-format';

export function HeadlineFigures({ set, onDrill }: { set: MetricSet; onDrill: (t: DrillTarget) => void }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 1 }}>
      {REVIEW_ITEMS.map((item) => {
        const { value, n, ids, samples } = item.read(set);
        const detail = figureDetail(item.key, n, ids);
        return (
          <Box key={item.key} component="section" aria-label={item.label} data-testid={`headline-${item.key}`}
            sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
            <Typography variant="body2" component="h4" sx={{ fontWeight: 600 }}>{item.label}</Typography>
            <Typography sx={{ fontSize: '1.4rem' }} data-testid="figure-value">{formatFigure(item.key, value)}</Typography>
            <Button size="small" disabled={ids.length === 0} data-testid="figure-detail"
              aria-label={`${detail}: show the ${ids.length} bookings behind ${item.label}`}
              onClick={() => onDrill({ title: `${item.label}: ${formatFigure(item.key, value)}`, ids, samples })}>
              {detail}
            </Button>
          </Box>
        );
      })}
    </Box>
  );
}
