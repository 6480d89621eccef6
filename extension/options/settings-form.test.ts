import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../background/settings';
import { originsToRequest, parseForm, toForm } from './settings-form';

describe('options form', () => {
  it('round-trips the defaults', () => {
    expect(parseForm(toForm(DEFAULT_SETTINGS))).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('names the field that is wrong', () => {
    const result = parseForm({ fhirBaseUrl: 'http://ehr.example.org/fhir', clientId: ' ', ehrOrigins: 'https://ehr.example.org\nhttps://ehr.example.org/path\n*.example.org' });
    expect(result).toEqual({ ok: false, errors: {
      fhirBaseUrl: 'must be https (or http on localhost)',
      clientId: 'is required',
      ehrOrigins: 'https://ehr.example.org/path must be an origin like https://ehr.example.org (https, or http on localhost)',
    } });
  });

  it('asks the browser only for https origins, the FHIR server included', () => {
    const parsed = parseForm({ fhirBaseUrl: 'https://fhir.example.org/r4/', clientId: 'c', ehrOrigins: 'https://ehr.example.org, http://localhost:8080' });
    expect(parsed.ok && parsed.settings.fhirBaseUrl).toBe('https://fhir.example.org/r4');
    expect(parsed.ok && originsToRequest(parsed.settings)).toEqual(['https://ehr.example.org/*', 'https://fhir.example.org/*']);
  });
});
