// `npm run lint` step: no cycles between the modules of shared/ (one module = one
// folder: shared/fhir, shared/booking, shared/ui/bookings, ...). import-x/no-cycle
// catches file-level cycles; this catches the folder-level ones it cannot see
// (errors -> fhir/schemas while fhir/api -> errors). Type-only imports count: a
// type cycle is a design cycle too. Tests are left out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = join(ROOT, 'shared');
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test(-support)?\.tsx?$/.test(name) ? [path] : [];
  });
}

/** shared/ui/bookings/card.tsx -> "ui/bookings"; shared/fhir/api.ts -> "fhir". */
export function moduleOf(file: string): string {
  const parts = relative(SHARED, file).split('/');
  return parts[0] === 'ui' && parts.length > 2 ? `ui/${parts[1]}` : (parts[0] ?? '');
}

export function moduleGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files(SHARED)) {
    const from = moduleOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(SHARED + '/')) continue;
      const to = moduleOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${relative(ROOT, file)} imports ${spec}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan). */
export function cycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) { on.delete(w); scc.push(w); }
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const graph = moduleGraph();
  const found = cycles(graph);
  for (const scc of found) {
    console.error(`shared/ module cycle: ${scc.join(' <-> ')}`);
    for (const a of scc) for (const [b, why] of graph.get(a) ?? []) if (scc.includes(b)) console.error(`  ${a} -> ${b}: ${why}`);
  }
  if (found.length) process.exit(1);
  console.log(`shared/: ${graph.size} modules, 0 cycles`);
}
