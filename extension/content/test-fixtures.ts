// Test helper: fixture pages from test/fixtures/discharge, read from disk (the
// extension may not import test/, and pages are data, not modules).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/discharge');

export function fixtureHtml(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

export function fixtureDocument(name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}
