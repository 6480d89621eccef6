// Typed errors with context and cause. The UI edge turns any of them into a
// sentence a clinician can act on (see user-message.ts).

/** The part of a FHIR OperationOutcome an error needs: errors is a leaf module, so it names the shape instead of importing the schema. */
export interface OutcomeLike {
  resourceType?: string;
  issue: { severity?: string; code?: string; diagnostics?: string; details?: { text?: string } }[];
}

export class CareRelayError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The FHIR server answered with an error status. */
export class FhirHttpError extends CareRelayError {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly url: string,
    readonly outcome?: OutcomeLike,
    readonly retryAfterMs?: number,
  ) {
    super(`${method} ${url} failed with HTTP ${status}${outcomeText(outcome) ? `: ${outcomeText(outcome)}` : ''}`);
  }
  get retryable(): boolean {
    return this.status === 429 || this.status === 408 || this.status >= 500;
  }
}

/** No answer: the connection failed or dropped. A write may or may not have happened. */
export class NetworkError extends CareRelayError {
  constructor(readonly method: string, readonly url: string, cause: unknown) {
    super(`${method} ${url}: no response from the server`, { cause });
  }
}

/** The server answered, but not with the FHIR we expected. */
export class MalformedResponseError extends CareRelayError {
  constructor(readonly url: string, readonly detail: string, cause?: unknown) {
    super(`Unexpected response from ${url}: ${detail}`, { cause });
  }
}

/** The SMART session is gone (expired and not refreshable, or revoked). */
export class SessionExpiredError extends CareRelayError {
  constructor(detail = 'The SMART session has expired', cause?: unknown) {
    super(detail, { cause });
  }
}

/** A Task status change the FHIR state machine does not allow. */
export class TransitionError extends CareRelayError {
  constructor(readonly from: string, readonly to: string, readonly reason: string) {
    super(`Cannot move a task from "${from}" to "${to}": ${reason}`);
  }
}

/** Form or configuration input that fails validation; names the field. */
export class ValidationError extends CareRelayError {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export function outcomeText(outcome?: OutcomeLike): string {
  if (!outcome) return '';
  return outcome.issue
    .map((i) => i.details?.text ?? i.diagnostics ?? i.code)
    .filter(Boolean)
    .join('; ');
}
