// A value an administrator pastes into the EHR's registration form: shown in full,
// selectable, with a copy button that says whether copying worked.
import { Box, Button, TextField } from '@mui/material';
import { useId, useState } from 'react';

export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const id = useId();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      // Clipboard access can be denied (permissions, insecure origin): the text stays selectable.
      setCopied('failed');
    }
  }
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', my: 1 }}>
      <TextField
        id={id} label={label} value={value} size="small" fullWidth multiline={multiline}
        slotProps={{ input: { readOnly: true } }}
        helperText={copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Could not copy: select the text and copy it' : ' '}
      />
      <Button variant="outlined" size="small" onClick={() => void copy()} aria-label={`Copy ${label}`} sx={{ mt: 0.5, flexShrink: 0 }}>
        Copy
      </Button>
    </Box>
  );
}
