/** The user's token is missing, expired or refused (401): sign in again, then come back. */
export class SessionExpiredError extends Error {
  override readonly name = 'SessionExpiredError';
}

/**
 * 403 from the gateway or the service, or 404 for a record: shown as the same page so that a user
 * cannot tell a record they may not see from one that does not exist.
 */
export class NotAllowedError extends Error {
  override readonly name = 'NotAllowedError';
}

/** The gateway or the service behind it did not answer, or answered 5xx. */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** 400/409/422: the API refused the input; its message and field problems are shown on the form. */
export class ApiRejectedError extends Error {
  override readonly name = 'ApiRejectedError';
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[],
  ) {
    super(message);
  }
}
