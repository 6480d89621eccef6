// One function that turns any error into a message a clinician can act on.
import {
  FhirHttpError, MalformedResponseError, NetworkError, SessionExpiredError, TransitionError, ValidationError, outcomeText,
} from './errors';

export interface UserMessage {
  title: string;
  detail: string;
  /** What the user can do about it. */
  action: 'retry' | 'relaunch' | 'reload' | 'fix-input' | 'contact-admin' | 'none';
}

export function toUserMessage(error: unknown): UserMessage {
  if (error instanceof SessionExpiredError) {
    return { title: 'Your session has ended', detail: 'Sign in again from the patient chart; nothing you entered is lost.', action: 'relaunch' };
  }
  if (error instanceof FhirHttpError) return fromHttp(error);
  if (error instanceof NetworkError) {
    return { title: 'The EHR did not answer', detail: 'The connection dropped. CareRelay will retry; the booking is kept and will not be sent twice.', action: 'retry' };
  }
  if (error instanceof MalformedResponseError) {
    return { title: 'The EHR sent data CareRelay cannot read', detail: error.detail, action: 'contact-admin' };
  }
  if (error instanceof TransitionError || error instanceof ValidationError) {
    return { title: 'That change is not allowed', detail: error.message, action: 'fix-input' };
  }
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error), action: 'retry' };
}

function fromHttp(error: FhirHttpError): UserMessage {
  const why = outcomeText(error.outcome);
  switch (error.status) {
    case 401:
      return { title: 'Your session has ended', detail: 'Sign in again from the patient chart.', action: 'relaunch' };
    case 403:
      return { title: 'Not permitted', detail: `CareRelay was not granted access for this${why ? ` (${why})` : ''}. Ask your EHR administrator.`, action: 'contact-admin' };
    case 404:
    case 410:
      return { title: 'Not found', detail: 'The record no longer exists on the EHR.', action: 'reload' };
    case 409:
    case 412:
      return { title: 'Someone else changed this booking', detail: 'It has been reloaded with their change. Review it and try again.', action: 'reload' };
    case 400:
    case 422:
      return { title: 'The EHR rejected the data', detail: why || 'The server could not accept the request.', action: 'fix-input' };
    case 429:
      return { title: 'The EHR is busy', detail: 'Too many requests; CareRelay will retry shortly.', action: 'retry' };
    default:
      return { title: 'The EHR had a problem', detail: `HTTP ${error.status}${why ? `: ${why}` : ''}. CareRelay will retry.`, action: 'retry' };
  }
}
