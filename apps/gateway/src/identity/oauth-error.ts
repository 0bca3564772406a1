import { HttpException } from '@nestjs/common';

/** An OAuth 2.0 error answer (RFC 6749 §5.2): `error` and `error_description`, as clients expect them. */
export function oauthError(status: 400 | 401, error: string, description: string): HttpException {
  return new HttpException({ error, error_description: description }, status);
}
