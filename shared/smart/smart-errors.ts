// Typed failures of the SMART authorization dance. Messages never carry tokens,
// codes or verifiers: they may end up in a log or on screen.
import { CareRelayError } from '../errors/errors';

export type SmartFailure =
  | 'discovery' // the server's .well-known/smart-configuration is missing or unusable
  | 'denied' // the user or the server said no (error=access_denied, ...)
  | 'state-mismatch' // the redirect does not answer the authorization we started
  | 'redirect' // the redirect is not ours or carries no code
  | 'token' // the token endpoint refused or answered garbage
  | 'no-session'; // nothing to refresh or to authorize with

export class SmartAuthError extends CareRelayError {
  constructor(readonly reason: SmartFailure, detail: string, cause?: unknown) {
    super(detail, { cause });
  }
}
