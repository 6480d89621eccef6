// The vendors to call, with why each cannot take the booking as asked and, for
// those only their hours rule out, when they open next (with one click to use
// that time). Shown by the booking form and the booking card's dead ends.
import { Box, Button, Link, Typography } from '@mui/material';
import type { VendorContact } from '../booking/no-vendor';
import { formatInZone } from '../booking/next-open';

export function VendorContactList(props: { contacts: VendorContact[]; timeZone?: string; onUseTime?: (iso: string) => void; label: string; why?: (c: VendorContact) => string | undefined }) {
  return (
    <Box component="ul" aria-label={props.label} sx={{ m: 0, pl: 2.5, display: 'grid', gap: 0.5 }}>
      {props.contacts.map((c) => {
        const why = props.why?.(c) ?? (c.misses.length ? c.misses.join(', ') : 'can take it');
        return (
          <Box component="li" key={c.organization} data-testid="vendor-contact">
            <Typography component="span" sx={{ fontWeight: 600 }}>{c.name}</Typography>
            <Typography component="span">: {why}</Typography>
            <Typography component="span" variant="body2"> · hours {c.hours}</Typography>
            {c.phone ? <> · <Link href={`tel:${c.phone.replace(/[^0-9+]/g, '')}`}>{c.phone}</Link></> : <Typography component="span" variant="body2"> · no phone number in the directory</Typography>}
            {c.nextOpen && (
              <Box component="span" sx={{ ml: 1 }}>
                <Typography component="span" data-testid="next-open">Next open {formatInZone(c.nextOpen, props.timeZone)}</Typography>
                {props.onUseTime && <Button size="small" sx={{ ml: 0.5 }} onClick={() => props.onUseTime?.(c.nextOpen ?? '')} aria-label={`Use this time: ${formatInZone(c.nextOpen, props.timeZone)} (${c.name})`}>Use this time</Button>}
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
