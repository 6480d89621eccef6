// Checks the BUILT production extension (extension/.output-production/chrome-mv3):
// its manifest names no loopback page (localhost, 127.x, [::1]) and no file carries
// the sandbox's default FHIR server. Run by `npm run check:production-extension`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loopbackIn } from '../../extension/production-manifest';

const DIR = resolve(import.meta.dirname, '../../extension/.output-production/chrome-mv3');
const SANDBOX_DEFAULTS = ['localhost:8080'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const problems: string[] = [];
const manifest: unknown = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
for (const found of loopbackIn(manifest)) problems.push(`manifest.json names a loopback page: ${found}`);
for (const file of files(DIR).filter((f) => /\.(js|html|json)$/.test(f))) {
  const text = readFileSync(file, 'utf8');
  for (const needle of SANDBOX_DEFAULTS) if (text.includes(needle)) problems.push(`${file.slice(DIR.length + 1)} carries the sandbox default "${needle}"`);
}
if (problems.length > 0) {
  console.error(`Production extension build is not clean:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`Production extension build (${DIR}): no loopback page in the manifest, no sandbox defaults.`);
