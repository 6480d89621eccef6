// npm run relay [-- --once] [--interval 30] [--origin http://localhost:8080]
// Runs the trigger rules once, or every --interval seconds until stopped.
import { parseArgs } from 'node:util';
import { createRelay } from './relay';

const { values } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    interval: { type: 'string', default: '30' },
    origin: { type: 'string', default: process.env.SANDBOX_ORIGIN ?? 'http://localhost:8080' },
  },
});

const tick = createRelay({ origin: values.origin });

async function runOnce(): Promise<void> {
  const outcomes = await tick();
  const changed = outcomes.filter((o) => o.result !== 'existed');
  console.log(`${new Date().toISOString()} relay: ${changed.length ? changed.map((o) => `${o.rule} ${o.key} ${o.result}`).join('; ') : 'nothing to do'}`);
}

if (values.once) {
  await runOnce();
} else {
  const seconds = Number(values.interval);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--interval must be a positive number of seconds, not ${values.interval}`);
  // A failed tick is logged and retried on the next one: the rules are idempotent, so nothing is lost.
  const loop = async () => {
    try { await runOnce(); } catch (error) { console.error('relay tick failed:', error); }
    setTimeout(() => void loop(), seconds * 1000);
  };
  await loop();
}
