// Test helper: fixture pages from test/fixtures/discharge, read from disk (the
// extension may not import test/, and pages are data, not modules).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/discharge');

export function fixtureHtml(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

export function fixtureDocument(name: string): Document {
  return new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
}

/** The EHR screen corpus (test/fixtures/ehr-screens): each page with its sidecar JSON. */
export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/ehr-screens');

export interface CorpusPage {
  file: string;
  kind: 'discharge' | 'silent';
  built?: string;
  why?: string;
  /** A selector the user clicks first (a tab, a route link). */
  click?: string;
  /** The iframe that holds the screen. */
  frame?: string;
  /** Expected fields; "{today}" stands for the local date of the run. */
  context?: Record<string, string>;
}

export function corpusPages(): CorpusPage[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.html') && !f.startsWith('_'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(join(CORPUS_DIR, file.replace(/\.html$/, '.json')), 'utf8')) as Omit<CorpusPage, 'file'> }));
}

export function corpusHtml(file: string): string {
  return readFileSync(join(CORPUS_DIR, file), 'utf8');
}

/** The expected context with "{today}" resolved to the local date. */
export function expectedContext(page: CorpusPage, now = new Date()): Record<string, string> {
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return Object.fromEntries(Object.entries(page.context ?? {}).map(([k, v]) => [k, v.replace('{today}', today)]));
}
