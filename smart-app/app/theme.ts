import { createTheme } from '@mui/material/styles';

// Compact and high-contrast: the app lives in an EHR iframe at about 1280×720.
export const theme = createTheme({
  palette: { primary: { main: '#0b5cad' }, success: { main: '#1b6e3a' }, error: { main: '#b3261e' }, warning: { main: '#8a5300' }, info: { main: '#0b5cad' } },
  typography: { fontSize: 13, h1: { fontSize: '1.25rem', fontWeight: 600 }, h2: { fontSize: '1.05rem', fontWeight: 600 }, h3: { fontSize: '0.95rem', fontWeight: 600 } },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    // Chart and directory text can be anything (a 100 KB goal, a 200-character vendor name):
    // it wraps anywhere rather than widening the page; min-width 0 lets flex and grid items shrink.
    MuiCssBaseline: { styleOverrides: { body: { overflowWrap: 'anywhere', wordBreak: 'break-word' } } },
    MuiTableCell: { styleOverrides: { root: { overflowWrap: 'anywhere' } } },
  },
});
