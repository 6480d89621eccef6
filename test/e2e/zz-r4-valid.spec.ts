// Runs last (Playwright orders spec files by name): every resource the suite left on the
// sandbox, seeded and written by the app and the vendor simulator, is valid base R4, with
// every reference pointing at a type its element allows. No reset here: it checks what the
// previous spec left, after moving the simulator so it books the open requests.
import { expect, test } from '@playwright/test';
import { fhirGet, ORIGIN, simStep } from './support/sandbox-client';

interface Validation { resources: number; invalid: { ref: string; issues: string[] }[] }

test('every resource left on the server is valid R4 (0 invalid)', async () => {
  await simStep(3);
  const appts = await fhirGet('Appointment?_count=500&_elements=participant');
  const actorTypes = new Set((appts.entry ?? []).flatMap((e) => ((e.resource.participant ?? []) as { actor?: { reference?: string } }[])
    .map((p) => p.actor?.reference?.split('/')[0])));
  expect(actorTypes.has('HealthcareService')).toBe(true);
  expect(actorTypes.has('Organization')).toBe(false);
  const res = await fetch(`${ORIGIN}/__sandbox/validate`);
  expect(res.status).toBe(200);
  const v = (await res.json()) as Validation;
  expect(v.resources).toBeGreaterThan(1000);
  expect(v.invalid.slice(0, 10)).toEqual([]);
  test.info().annotations.push({ type: 'validated', description: `${v.resources} resources, ${v.invalid.length} invalid` });
});
