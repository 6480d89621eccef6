import { createTheme } from '@mui/material/styles';

// Compact and high-contrast for a ~400 px side panel.
export const theme = createTheme({
  palette: { primary: { main: '#0b5cad' }, success: { main: '#1b6e3a' }, error: { main: '#b3261e' }, warning: { main: '#8a5300' }, info: { main: '#0b5cad' } },
  typography: { fontSize: 13, h1: { fontSize: '1.15rem', fontWeight: 600 }, h2: { fontSize: '1.05rem', fontWeight: 600 }, h3: { fontSize: '0.95rem', fontWeight: 600 } },
  components: { MuiButton: { defaultProps: { disableElevation: true } } },
});
