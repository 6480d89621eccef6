// "0 of N vendors can do this trip": instead of a dead end, say why each vendor
// cannot, when the ones that could are next open (one click uses that time),
// which other levels have a vendor at this time (offered, never applied: the
// nurse decides; a level below the chart's still asks for a reason), and whom to call.
import { Alert, AlertTitle, Box, Button, Typography } from '@mui/material';
import { useMemo } from 'react';
import type { Capability, TransportLevel } from '../../fhir/codes';
import type { THealthcareService, TOrganization } from '../../fhir/schemas';
import { adviseNoVendor, levelWords } from '../../booking/no-vendor';
import { formatInZone } from '../../booking/next-open';
import { VendorContactList } from '../vendor-contacts';

export interface NoVendorHelpProps {
  services: THealthcareService[];
  organizations: TOrganization[];
  level: TransportLevel;
  flags: Capability[];
  postalCode?: string;
  /** ISO pickup time. */
  at: string;
  chartLevel?: TransportLevel;
  timeZone?: string;
  onUseTime: (iso: string) => void;
  onUseLevel: (level: TransportLevel) => void;
}

export function NoVendorHelp(p: NoVendorHelpProps) {
  const advice = useMemo(
    () => adviseNoVendor(p.services, p.organizations, { service: 'transport', level: p.level, flags: p.flags, postalCode: p.postalCode, at: p.at, timeZone: p.timeZone }, p.chartLevel),
    [p.services, p.organizations, p.level, p.flags, p.postalCode, p.at, p.timeZone, p.chartLevel],
  );
  return (
    <Alert severity="warning" component="section" aria-labelledby="no-vendor-title" data-testid="no-vendor-help">
      <AlertTitle id="no-vendor-title">No transport vendor can take this trip at {formatInZone(p.at, p.timeZone)}</AlertTitle>
      <Typography variant="body2">Why each vendor cannot, when it is next open, and its phone number:</Typography>
      <VendorContactList label="Transport vendors and why they cannot" contacts={advice.contacts} timeZone={p.timeZone} onUseTime={p.onUseTime} />
      {advice.levels.length > 0 ? (
        <Box sx={{ mt: 1 }}>
          <Typography variant="body2">At this time another level of service has a vendor. Use it only if it is clinically acceptable: you decide.</Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
            {advice.levels.map((l) => (
              <Button key={l.level} size="small" variant="outlined" onClick={() => p.onUseLevel(l.level)}>
                Use {levelWords(l.level)}: {l.vendors} vendor{l.vendors === 1 ? '' : 's'}{l.below ? ', below what the chart indicates' : ''}
              </Button>
            ))}
          </Box>
        </Box>
      ) : <Typography variant="body2" sx={{ mt: 1 }}>No other level of service has a vendor at this time either.</Typography>}
      {!advice.earliest && advice.levels.length === 0 && <Typography variant="body2" sx={{ mt: 1 }}>Call a vendor, or change the request (time, ZIP or needs).</Typography>}
    </Alert>
  );
}
