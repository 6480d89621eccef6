// Every template, in every language, as the relay fills it from a booked chart: the trip's
// facts are there; nothing clinical or identifying is (a test over each seeded story's chart).
import { describe, expect, it } from 'vitest';
import { STORIES } from '../../sandbox/seed/stories';
import { parseWith } from '../../shared/fhir/api';
import { RESOURCE_SCHEMAS } from '../../shared/fhir/schemas';
import { bookedTransport, chart, stateOf } from '../../shared/workflow/workflow-fixtures.test-support';
import { isQuiet, parseQuietHours, sendableAt } from './quiet-hours';
import { planTexts, recipientFor, type Contact } from './text-plan';
import { LANGUAGES, languageOf, replyIntent, TEXT_KINDS, tripText } from './templates';

const NOW = new Date('2026-11-22T10:00:00Z');
const VENDOR = { resourceType: 'Organization', id: 'v1', name: 'Buckeye Wheelchair Vans', telecom: [{ system: 'phone', value: '614-555-0300' }] };

function patient(language?: string): Contact {
  return {
    resourceType: 'Patient', id: 'p1', telecom: [{ system: 'phone', value: '614-555-1234', use: 'mobile' }],
    ...(language ? { communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: language }] }, preferred: true }] } : {}),
  };
}

describe('texts to the patient', () => {
  it.each(STORIES.flatMap((story) => LANGUAGES.map((language) => ({ story, language }))))('$story.label, $language: the trip only, no PHI', ({ story, language }) => {
    // The chart the relay reads carries the diagnosis, the notes and the name; the text must carry none of them.
    const resources = [...chart(), ...bookedTransport()].map((r) => r.resourceType === 'ServiceRequest'
      ? { ...r, reasonCode: [{ coding: [{ code: story.dx.code, display: story.dx.display }], text: story.dx.display }], note: [{ text: story.notes }] }
      : r);
    const state = stateOf(resources);
    const named = { ...patient(language), name: [{ given: ['Rosa'], family: 'Delgado-Whitfield' }], birthDate: '1941-03-07', identifier: [{ value: 'MRN100963' }] } as Contact;
    const [text] = planTexts(state, { patients: [named], relatedPersons: [], organizations: [parseWith(RESOURCE_SCHEMAS.Organization, 'fixture', VENDOR)], timeZone: 'America/New_York' }, NOW, NOW);
    const body = String((text?.resource['payload'] as { contentString: string }[])[0]?.contentString);
    expect(body).toContain('Buckeye Wheelchair Vans');
    expect(body).toContain('614-555-0300');
    expect(body).toMatch(language === 'es' ? /Lunes, 23 de noviembre.*11:30.*12:00/ : /Monday, November 23.*11:30.*12:00/);
    for (const secret of [story.dx.code, story.dx.display, story.notes, 'Rosa', 'Delgado', '1941', 'MRN', ...story.mobility]) expect(body).not.toContain(secret);
    expect(text?.resource).toMatchObject({ status: 'on-hold', recipient: [{ reference: 'Patient/p1' }], identifier: expect.arrayContaining([{ system: expect.stringMatching(/sms-thread$/), value: '+16145551234' }]) });
  });

  it('every template in every language names the day, the window, the vendor and how to answer', () => {
    for (const language of LANGUAGES) {
      for (const kind of TEXT_KINDS) {
        const body = tripText({ kind, language, start: '2026-11-23T14:00:00Z', end: '2026-11-23T14:30:00Z', vendorName: 'Van Co', vendorPhone: '614-555-0300', timeZone: 'America/New_York' });
        expect(body).toMatch(/Van Co, 614-555-0300/);
        expect(body).toMatch(/9:00.*9:30/);
        expect(body).toMatch(language === 'es' ? /SI .*CAMBIAR .*STOP/ : /YES .*CHANGE .*STOP/);
        expect(body.length).toBeLessThanOrEqual(320); // two SMS segments at most
      }
    }
  });

  it('language from Patient.communication (preferred first, "es-MX" is Spanish), English otherwise', () => {
    expect(languageOf(patient('es-MX'))).toBe('es');
    expect(languageOf(patient('fr'))).toBe('en');
    expect(languageOf({ communication: [{ language: { coding: [{ code: 'en' }] } }, { preferred: true, language: { coding: [{ code: 'es' }] } }] })).toBe('es');
  });

  it('the patient\'s mobile, else a related person\'s; a home phone is not texted', () => {
    const home: Contact = { resourceType: 'Patient', id: 'p1', telecom: [{ system: 'phone', value: '614-555-1234', use: 'home' }] };
    const daughter: Contact = { resourceType: 'RelatedPerson', id: 'rp1', patient: { reference: 'Patient/p1' }, telecom: [{ system: 'phone', value: '(614) 555-7777', use: 'mobile' }] };
    expect(recipientFor(patient(), [daughter])).toEqual({ reference: 'Patient/p1', phone: '+16145551234' });
    expect(recipientFor(home, [daughter])).toEqual({ reference: 'RelatedPerson/rp1', phone: '+16145557777' });
    expect(recipientFor(home, [])).toBeUndefined();
  });

  it('replies: YES / SÍ confirm, CHANGE / CAMBIAR ask for a change, STOP opts out', () => {
    expect(['yes', 'Sí', ' YES please'].map(replyIntent)).toEqual(['confirm', 'confirm', 'confirm']);
    expect(['CHANGE I need the afternoon', 'cambiar'].map(replyIntent)).toEqual(['change', 'change']);
    expect(['STOP', 'unsubscribe', 'START', 'hello'].map(replyIntent)).toEqual(['stop', 'stop', 'start', 'other']);
  });
});

describe('quiet hours', () => {
  const q = parseQuietHours('21-8', 'America/New_York');
  it('a text due at 22:30 local waits until 08:00; at 12:00 it goes now', () => {
    const late = new Date('2026-11-23T03:30:00Z'); // 22:30 in New York
    expect(isQuiet(late, q)).toBe(true);
    expect(sendableAt(late, q).toISOString()).toBe('2026-11-23T13:00:00.000Z');
    const noon = new Date('2026-11-23T17:00:00Z');
    expect(sendableAt(noon, q)).toBe(noon);
    expect(sendableAt(late, parseQuietHours('off', 'America/New_York'))).toBe(late);
    expect(() => parseQuietHours('evening', 'UTC')).toThrow(/QUIET_HOURS/);
  });
});
