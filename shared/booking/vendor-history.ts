// The vendor ranking's history, read within a production server's limits. One search
// of ten vendors' Tasks with `_count=500&_revinclude=Provenance:target` was refused by a
// real server ("reached query scope limit"), and servers cap page sizes anyway. So: one
// search per vendor, pages of PAGE Tasks followed through `next` links, only the elements
// the ranking reads, and the Provenances fetched on their own, in chunks of Task ids, for
// only the Tasks that carry a promised time (the only ones punctuality looks at).
import { entriesOf, type FhirApi } from '../fhir/api';
import { SYSTEMS, TASK_PARAMS } from '../fhir/codes';
import { codeIn } from '../fhir/refs';
import type { TBundle, TProvenance, TTask } from '../fhir/schemas';

const PAGE = '100';
/** Task ids per Provenance search: keeps the URL short. */
const CHUNK = 40;
/** A runaway `next` chain (a server that never ends) stops here. */
const MAX_PAGES = 50;

export interface VendorHistory {
  tasks: TTask[];
  provenance: TProvenance[];
}

export async function fetchVendorHistory(api: FhirApi, owners: string[], since: Date): Promise<VendorHistory> {
  const tasks: TTask[] = [];
  for (const owner of owners) {
    const first = await api.search('Task', {
      code: `${SYSTEMS.taskCode}|fulfill`, owner, _lastUpdated: `ge${since.toISOString()}`,
      _count: PAGE, _elements: 'status,intent,owner,output',
    });
    tasks.push(...entriesOf(await allPages(api, first), 'Task'));
  }
  const timed = tasks.filter((t) => t.output?.some((o) => codeIn(o.type, SYSTEMS.taskParam) === TASK_PARAMS.eta)).map((t) => `Task/${t.id}`);
  const provenance: TProvenance[] = [];
  for (let i = 0; i < timed.length; i += CHUNK) {
    const first = await api.search('Provenance', {
      target: timed.slice(i, i + CHUNK).join(','), _count: PAGE, _elements: 'target,recorded,activity,agent',
    });
    provenance.push(...entriesOf(await allPages(api, first), 'Provenance'));
  }
  return { tasks, provenance };
}

/** Every page of a search as one Bundle's entries. */
async function allPages(api: FhirApi, first: TBundle): Promise<TBundle> {
  const entry = [...(first.entry ?? [])];
  let page: TBundle | undefined = first;
  for (let n = 1; n < MAX_PAGES; n++) {
    page = await api.next(page);
    if (!page) break;
    entry.push(...(page.entry ?? []));
  }
  return { ...first, entry };
}
