import { HttpException } from '@nestjs/common';

/**
 * An OAuth 2.0 error answer (RFC 6749 §5.2): `error` and `error_description`, as OAuth clients read them, plus the
 * platform's own error fields (`statusCode`, `message`: the ErrorResponse every route documents), which OAuth
 * clients ignore (§5.2 allows extra parameters).
 */
export function oauthError(status: 400 | 401, error: string, description: string): HttpException {
  return new HttpException(
    { statusCode: status, message: description, error, error_description: description },
    status,
  );
}
