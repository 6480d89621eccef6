// Weekly trends by service type and by vendor, for the team's weekly review.
// Each chart has the same numbers as a table underneath, for keyboard and
// screen-reader users (a line chart alone says nothing to them).
import { Box, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import type { MetricSet } from '../../../shared/metrics/metric-set';
import type { IsoWeek } from '../../../shared/metrics/iso-week';
import { REVIEW_ITEMS } from '../../../shared/metrics/weekly-review';
import { chartUnit, chartValue, formatFigure } from './metric-format';

export interface TrendSeries { key: string; label: string; byWeek: Record<string, MetricSet> }

function TrendChart({ title, weeks, series, metric }: { title: string; weeks: IsoWeek[]; series: TrendSeries[]; metric: string }) {
  const item = REVIEW_ITEMS.find((i) => i.key === metric) ?? REVIEW_ITEMS[0];
  if (!item) return null;
  const read = (s: TrendSeries, w: IsoWeek) => {
    const set = s.byWeek[w.key];
    return set ? item.read(set).value : null;
  };
  return (
    <Box component="figure" sx={{ m: 0, mb: 2 }} aria-label={title}>
      <Typography component="figcaption" variant="h4" sx={{ fontSize: '1rem', fontWeight: 600 }}>{title} ({chartUnit(metric)})</Typography>
      <Box>
        <LineChart height={240} skipAnimation
          xAxis={[{ data: weeks.map((w) => w.key), scaleType: 'point' }]}
          series={series.map((s) => ({ label: s.label, data: weeks.map((w) => chartValue(metric, read(s, w))), connectNulls: true }))} />
      </Box>
      <details>
        <summary>{title}: the numbers</summary>
        <Table size="small" aria-label={`${title}: ${item.label} by week`}>
          <TableHead><TableRow><TableCell component="th" scope="col">Week</TableCell>{series.map((s) => <TableCell key={s.key} component="th" scope="col">{s.label}</TableCell>)}</TableRow></TableHead>
          <TableBody>
            {weeks.map((w) => (
              <TableRow key={w.key}>
                <TableCell component="th" scope="row">{w.key}</TableCell>
                {series.map((s) => <TableCell key={s.key}>{formatFigure(metric, read(s, w))}</TableCell>)}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </Box>
  );
}

export function TrendCharts({ weeks, byServiceType, byVendor }: { weeks: IsoWeek[]; byServiceType: TrendSeries[]; byVendor: TrendSeries[] }) {
  const [metric, setMetric] = useState(REVIEW_ITEMS[0]?.key ?? '');
  return (
    <Box>
      <TextField select size="small" label="Trend of" value={metric} onChange={(e) => setMetric(e.target.value)}
        slotProps={{ select: { native: true } }} sx={{ my: 1, minWidth: 360 }}>
        {REVIEW_ITEMS.map((i) => <option key={i.key} value={i.key}>{i.label}</option>)}
      </TextField>
      <Box sx={{ display: 'grid', gridTemplateColumns: { md: '1fr 1fr' }, gap: 2 }}>
        <TrendChart title="By service type" weeks={weeks} series={byServiceType} metric={metric} />
        <TrendChart title="By vendor" weeks={weeks} series={byVendor} metric={metric} />
      </Box>
    </Box>
  );
}
