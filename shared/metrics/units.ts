// The hospital unit (ward) of each booking's encounter, for the unit filter:
// no Task or request carries it, so it comes from Encounter.location, walked up
// from a bed to its ward. Read from the snapshot's Encounters and Locations.
import { z } from 'zod';

const Ref = z.object({ reference: z.string().optional() });
const EncounterLocations = z.object({
  resourceType: z.literal('Encounter'),
  id: z.string(),
  location: z.array(z.object({ location: Ref.optional() })).optional(),
});
const UnitLocation = z.object({
  resourceType: z.literal('Location'),
  id: z.string(),
  name: z.string().optional(),
  partOf: Ref.optional(),
  physicalType: z.object({ coding: z.array(z.object({ code: z.string().optional() })).optional() }).optional(),
});
type UnitLocationIn = z.infer<typeof UnitLocation>;

export interface Unit { ref: string; name: string }
export interface UnitDirectory {
  unitOf: (encounterRef: string) => string | undefined;
  /** Units that at least one encounter in the snapshot points at, by name. */
  units: Unit[];
}

/** Beds ("bd") and rooms ("ro") belong to a ward; the metrics group by the ward. */
const INSIDE_A_WARD = new Set(['bd', 'ro']);

export function unitDirectory(resources: Iterable<unknown>): UnitDirectory {
  const encounters = new Map<string, string>();
  const locations = new Map<string, UnitLocationIn>();
  for (const raw of resources) {
    const e = EncounterLocations.safeParse(raw);
    if (e.success) {
      const first = e.data.location?.find((l) => l.location?.reference)?.location?.reference;
      if (first) encounters.set(`Encounter/${e.data.id}`, first);
      continue;
    }
    const l = UnitLocation.safeParse(raw);
    if (l.success) locations.set(`Location/${l.data.id}`, l.data);
  }
  const wardOf = (ref: string): string => {
    const loc = locations.get(ref);
    const parent = loc?.partOf?.reference;
    const inside = loc?.physicalType?.coding?.some((c) => c.code !== undefined && INSIDE_A_WARD.has(c.code));
    return inside && parent ? parent : ref;
  };
  const unitByEncounter = new Map<string, string>();
  for (const [enc, loc] of encounters) unitByEncounter.set(enc, wardOf(loc));
  const units = [...new Set(unitByEncounter.values())]
    .map((ref) => ({ ref, name: locations.get(ref)?.name ?? ref }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { unitOf: (encounterRef) => unitByEncounter.get(encounterRef), units };
}
