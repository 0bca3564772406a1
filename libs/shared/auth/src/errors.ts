export type AuthenticationFailure =
  | 'MISSING_TOKEN'
  | 'MALFORMED_TOKEN'
  | 'EXPIRED_TOKEN'
  | 'INVALID_SIGNATURE'
  | 'INVALID_CLAIMS';

/** 401: the caller is not who they say, or did not say. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  constructor(
    readonly reason: AuthenticationFailure,
    message: string,
  ) {
    super(message);
  }
}

/** 403: the caller is known but may not do this. */
export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';
}
