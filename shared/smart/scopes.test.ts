import { describe, expect, it } from 'vitest';
import { EXTENSION_SCOPES, isKnownScope, SCOPES_V1, SCOPES_V2 } from './scopes';

describe('scope lists', () => {
  it('keeps the lists the app has always requested', () => {
    // A change here changes every EHR registration: update docs/registration.md with it.
    expect(SCOPES_V2).toEqual([
      'launch', 'openid', 'fhirUser', 'online_access',
      'patient/Patient.rs', 'patient/Encounter.rs', 'patient/Condition.rs', 'patient/Coverage.rs',
      'patient/CarePlan.rs', 'patient/Goal.rs', 'patient/CareTeam.rs',
      'patient/ServiceRequest.cru', 'patient/ServiceRequest.s', 'patient/DeviceRequest.crus',
      'patient/Task.crus', 'patient/Appointment.crus', 'patient/Communication.crs', 'patient/Provenance.crus', 'patient/QuestionnaireResponse.crs',
      'user/Location.crs', 'user/Organization.rs', 'user/HealthcareService.rs', 'user/PractitionerRole.rs', 'user/Practitioner.rs',
      'user/ServiceRequest.rs', 'user/DeviceRequest.rs', 'user/Task.rs', 'user/Provenance.rs', 'user/Appointment.rs',
      'user/Communication.rs', 'user/Encounter.rs', 'user/Patient.rs', 'user/Task.u', 'user/Provenance.c',
    ]);
    expect(SCOPES_V1).toEqual([
      'launch', 'openid', 'fhirUser', 'online_access', 'patient/*.read', 'patient/Task.write', 'patient/ServiceRequest.write',
      'patient/DeviceRequest.write', 'patient/Provenance.write', 'patient/Communication.write', 'patient/Appointment.write', 'patient/QuestionnaireResponse.write', 'user/Location.write', 'user/Task.write', 'user/Provenance.write', 'user/*.read',
    ]);
  });

  it('knows every scope it requests, and nothing outside its types', () => {
    for (const s of [...SCOPES_V2, ...SCOPES_V1, ...EXTENSION_SCOPES]) expect(isKnownScope(s), s).toBe(true);
    for (const s of ['system/*.rs', 'patient/Observation.rs', 'patient/Task.', 'patient/Task.rc', 'admin']) expect(isKnownScope(s), s).toBe(false);
  });
});
