// Weekly trends by service type and by vendor, for the team's weekly review.
// Each chart has the same numbers as a table underneath, for keyboard and
// screen-reader users (a line chart alone says nothing to them). Every number in
// the table, and every point of the chart, opens the bookings behind it.
import { Box, Button, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import type { MetricSet } from '../../../shared/metrics/metric-set';
import type { IsoWeek } from '../../../shared/metrics/iso-week';
import { REVIEW_ITEMS } from '../../../shared/metrics/weekly-review';
import type { DrillTarget } from './drill-down';
import { chartUnit, chartValue, formatFigure } from './metric-format';

export interface TrendSeries { key: string; label: string; byWeek: Record<string, MetricSet> }

interface ChartProps { title: string; weeks: IsoWeek[]; series: TrendSeries[]; metric: string; onDrill: (t: DrillTarget) => void }

function TrendChart({ title, weeks, series, metric, onDrill }: ChartProps) {
  const item = REVIEW_ITEMS.find((i) => i.key === metric) ?? REVIEW_ITEMS[0];
  if (!item) return null;
  const reading = (s: TrendSeries, w: IsoWeek) => {
    const set = s.byWeek[w.key];
    return set ? item.read(set) : undefined;
  };
  const read = (s: TrendSeries, w: IsoWeek) => reading(s, w)?.value ?? null;
  const drill = (s: TrendSeries, w: IsoWeek) => {
    const r = reading(s, w);
    if (r && r.ids.length > 0) onDrill({ title: `${s.label}, week of ${w.monday}: ${item.label} ${formatFigure(metric, r.value)}`, ids: r.ids, samples: r.samples });
  };
  return (
    <Box component="figure" sx={{ m: 0, mb: 2 }} aria-label={title}>
      <Typography component="figcaption" variant="h4" sx={{ fontSize: '1rem', fontWeight: 600 }}>{title} ({chartUnit(metric)})</Typography>
      <Box>
        <LineChart height={240} skipAnimation
          xAxis={[{ data: weeks.map((w) => w.key), scaleType: 'point' }]}
          series={series.map((s) => ({ id: s.key, label: s.label, data: weeks.map((w) => chartValue(metric, read(s, w))), connectNulls: true }))}
          onMarkClick={(_event, point) => {
            const s = series.find((x) => x.key === point.seriesId);
            const w = point.dataIndex === undefined ? undefined : weeks[point.dataIndex];
            if (s && w) drill(s, w);
          }} />
      </Box>
      <details>
        <summary>{title}: the numbers</summary>
        <Table size="small" aria-label={`${title}: ${item.label} by week`}>
          <TableHead><TableRow><TableCell component="th" scope="col">Week</TableCell>{series.map((s) => <TableCell key={s.key} component="th" scope="col">{s.label}</TableCell>)}</TableRow></TableHead>
          <TableBody>
            {weeks.map((w) => (
              <TableRow key={w.key}>
                <TableCell component="th" scope="row">{w.key}</TableCell>
                {series.map((s) => {
                  const r = reading(s, w);
                  const shown = formatFigure(metric, r?.value ?? null);
                  return (
                    <TableCell key={s.key}>
                      {r && r.ids.length > 0 ? (
                        <Button size="small" sx={{ textTransform: 'none', p: 0, minWidth: 0 }} onClick={() => drill(s, w)}
                          aria-label={`${s.label}, week ${w.key}: ${shown}, show bookings`}>{shown}</Button>
                      ) : shown}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </Box>
  );
}

export function TrendCharts({ weeks, byServiceType, byVendor, onDrill }: { weeks: IsoWeek[]; byServiceType: TrendSeries[]; byVendor: TrendSeries[]; onDrill: (t: DrillTarget) => void }) {
  const [metric, setMetric] = useState(REVIEW_ITEMS[0]?.key ?? '');
  return (
    <Box>
      <TextField select size="small" label="Trend of" value={metric} onChange={(e) => setMetric(e.target.value)}
        slotProps={{ select: { native: true } }} sx={{ my: 1, minWidth: 360 }}>
        {REVIEW_ITEMS.map((i) => <option key={i.key} value={i.key}>{i.label}</option>)}
      </TextField>
      <Box sx={{ display: 'grid', gridTemplateColumns: { md: '1fr 1fr' }, gap: 2 }}>
        <TrendChart title="By service type" weeks={weeks} series={byServiceType} metric={metric} onDrill={onDrill} />
        <TrendChart title="By vendor" weeks={weeks} series={byVendor} metric={metric} onDrill={onDrill} />
      </Box>
    </Box>
  );
}
