// The filters with a 200-character vendor name: every select's label stays shrunk above
// its value (never drawn over "All vendors"), and the select is capped in width instead of
// growing to its longest option.
import { ThemeProvider } from '@mui/material';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { theme } from '../../app/theme';
import { MetricsFilters } from './metrics-filters';

const LONG = 'ExtraordinarilyLongVendorNameMedicalTransportation'.repeat(4);

describe('MetricsFilters', () => {
  it('keeps each select label above its value and caps the select width with a long vendor name', () => {
    render(
      <ThemeProvider theme={theme}>
        <MetricsFilters value={{ from: '2026-01-01', to: '2026-03-01', serviceType: '', vendor: '', unit: '' }} onChange={() => undefined}
          vendors={[{ ref: 'Organization/long', name: LONG }]} units={[]} onRefresh={() => undefined} refreshing={false} />
      </ThemeProvider>,
    );
    for (const name of ['Service', 'Vendor', 'Unit']) {
      const select = screen.getByRole('combobox', { name });
      const label = document.querySelector(`label[for="${select.id}"]`);
      expect(label?.getAttribute('data-shrink'), `${name} label shrunk`).toBe('true');
      const root = select.closest('.MuiTextField-root');
      expect(root && getComputedStyle(root).maxWidth, `${name} width capped`).toBe('100%');
      expect(root && getComputedStyle(root).width).toBe('220px');
    }
    expect(screen.getByRole('option', { name: LONG })).toBeTruthy();
  });
});
