// jsdom ships without type declarations here (no @types/jsdom in the repo), so the
// test reaches it through require with the one constructor shape it needs.
import { createRequire } from 'node:module';

interface JsdomModule {
  JSDOM: new (html: string, options: { runScripts: 'dangerously' }) => { window: { document: Document; close(): void } };
}

const load = createRequire(import.meta.url);
export const { JSDOM }: JsdomModule = load('jsdom');
