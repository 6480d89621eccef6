// Typed errors of the sandbox authorization server, so callers can tell a bad
// configuration file from a bad request.

export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError';
  constructor(
    readonly file: string,
    /** Dotted path of the offending field, e.g. "clients.2.redirectUris.0". */
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${message}`, options);
  }
}

export class UnknownClientError extends Error {
  override readonly name = 'UnknownClientError';
  constructor(readonly clientId: string) {
    super(`unknown client: ${clientId}`);
  }
}
