// npm run relay [-- --once] [--interval 30] [--origin http://localhost:8080]
// (--origin defaults to SANDBOX_ORIGIN, else the sandbox on SANDBOX_PORT.)
// Runs the trigger rules once, or every --interval seconds until stopped.
import { parseArgs } from 'node:util';
import { createRelay, describeOutcomes, startRelayLoop } from './relay';
import { messagingFromEnv } from '../messaging/setup';

const { values } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    interval: { type: 'string', default: '30' },
    origin: { type: 'string', default: process.env.SANDBOX_ORIGIN ?? `http://localhost:${process.env.SANDBOX_PORT ?? 8080}` },
  },
});

const messaging = messagingFromEnv(process.env);
const tick = createRelay({ origin: values.origin, ...(messaging ? { messaging } : {}) });

if (values.once) console.log(`${new Date().toISOString()} relay: ${describeOutcomes(await tick())}`);
else startRelayLoop(tick, Number(values.interval));
