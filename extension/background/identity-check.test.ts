// Two identifiers from the screen must agree with the FHIR Patient before booking.
import { describe, expect, it } from 'vitest';
import { checkIdentifiers, nameMatches, parseBirthDate, type PatientIdentity } from './identity-check';

const ADA: PatientIdentity = { birthDate: '1951-12-10', mrns: ['MRN100037'], names: [{ given: ['Ada', 'May'], family: 'Lovelace' }] };

describe('parseBirthDate', () => {
  it.each([
    ['1951-12-10', '1951-12-10'],
    ['12/10/1951', '1951-12-10'],
    ['10-12-1951', '1951-12-10'],
    ['10.12.1951', '1951-12-10'],
    ['Dec 10, 1951', '1951-12-10'],
    ['10 December 1951', '1951-12-10'],
    [' 1/2/1940 ', '1940-01-02'],
  ])('reads %s', (raw, iso) => {
    expect(parseBirthDate(raw)).toBe(iso);
  });

  it.each(['02/30/1951', '13/01/1951', '1851-01-01', '01/01/2999', 'yesterday', '', undefined])('refuses %s', (raw) => {
    expect(parseBirthDate(raw)).toBeUndefined();
  });
});

describe('nameMatches', () => {
  it.each(['Ada Lovelace', 'LOVELACE, ADA', 'Lovelace, A.', 'Ada M. Lovelace'])('matches %s', (name) => {
    expect(nameMatches(name, ADA.names)).toBe(true);
  });
  it.each(['Grace Hopper', 'Ada Byron', 'Lovelace', 'Bea Lovelace'])('does not match %s', (name) => {
    expect(nameMatches(name, ADA.names)).toBe(false);
  });
});

describe('checkIdentifiers', () => {
  it('passes MRN + DOB, name + DOB, and all three', () => {
    expect(checkIdentifiers({ source: 'generic', mrn: 'MRN100037', birthDate: '12/10/1951' }, ADA)).toEqual({ ok: true, matched: ['date of birth', 'MRN'] });
    expect(checkIdentifiers({ source: 'generic', patientName: 'Lovelace, Ada', birthDate: '1951-12-10' }, ADA)).toEqual({ ok: true, matched: ['date of birth', 'name'] });
    expect(checkIdentifiers({ source: 'sandbox', patientName: 'Ada Lovelace', mrn: 'mrn 100037', birthDate: '1951-12-10' }, ADA).ok).toBe(true);
  });

  it('blocks an MRN that belongs to someone other than the name and DOB, naming the MRN', () => {
    const result = checkIdentifiers({ source: 'generic', patientName: 'Ada Lovelace', mrn: 'MRN100074', birthDate: '12/10/1951' }, ADA);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^Booking blocked: the MRN \(MRN100074\) on the EHR screen does not match/) });
  });

  it('blocks a patient found by MRN whose name and date of birth differ, naming both', () => {
    const result = checkIdentifiers({ source: 'generic', patientName: 'Grace Hopper', mrn: 'MRN100037', birthDate: '12/09/1936' }, ADA, 'MRN MRN100037');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/the date of birth \(12\/09\/1936\) and name \(Grace Hopper\) on the EHR screen do not match the patient with MRN MRN100037 on the FHIR server/);
  });

  it('blocks when the date of birth is missing, even with MRN and name', () => {
    const result = checkIdentifiers({ source: 'generic', patientName: 'Ada Lovelace', mrn: 'MRN100037' }, ADA);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('could not read a date of birth') });
  });

  it('blocks a DOB alone (one identifier is not two)', () => {
    const result = checkIdentifiers({ source: 'generic', birthDate: '1951-12-10', patientId: 'pat-001' }, ADA);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('could not read an MRN or a name') });
  });

  it('blocks a date of birth that is not a date', () => {
    const result = checkIdentifiers({ source: 'generic', mrn: 'MRN100037', birthDate: '31/31/1951' }, ADA);
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('date of birth (“31/31/1951” is not a date)') });
  });

  it('blocks when the server holds no date of birth', () => {
    expect(checkIdentifiers({ source: 'generic', mrn: 'MRN100037', birthDate: '1951-12-10' }, { ...ADA, birthDate: undefined }).ok).toBe(false);
  });
});
