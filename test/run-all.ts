// `npm test`: every check in order (types, lint, unit, build, end-to-end), then
// one closing line `N passed, N failed` summing every suite that ran. Exits
// non-zero when anything failed or did not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Step { name: string; cmd: string; report?: string; count?: (report: unknown) => { passed: number; failed: number; skipped: number } }

const vitestCount = (r: unknown) => {
  const j = r as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests };
};
const playwrightCount = (r: unknown) => {
  const s = (r as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
};

const steps: Step[] = [
  { name: 'typecheck', cmd: 'npm run typecheck --silent' },
  { name: 'lint', cmd: 'npm run lint --silent' },
  { name: 'unit', cmd: 'npx vitest run --reporter=dot --reporter=json --outputFile.json=test-results/unit.json', report: 'test-results/unit.json', count: vitestCount },
  { name: 'build', cmd: 'npm run build --silent' },
  { name: 'production-extension', cmd: 'npm run check:production-extension --silent' },
  { name: 'e2e', cmd: 'npx playwright test', report: 'test-results/e2e.json', count: playwrightCount },
];

const only = process.argv.slice(2);
rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken: string[] = [];
for (const step of steps.filter((s) => only.length === 0 || only.includes(s.name))) {
  const t0 = Date.now();
  const run = spawnSync(step.cmd, { shell: true, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-websocket`.trim() } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (step.report && step.count && existsSync(step.report)) {
    const c = step.count(JSON.parse(readFileSync(step.report, 'utf8')));
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    console.log(`[${step.name}] ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${seconds} s)`);
  } else {
    console.log(`[${step.name}] ${run.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  }
  if (run.status !== 0) {
    broken.push(step.name);
    if (!step.report) totals.failed += 1;
    if (step.name === 'build') break;
  }
}
broken = [...new Set(broken)];
if (broken.length) console.log(`failed steps: ${broken.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(broken.length ? 1 : 0);
