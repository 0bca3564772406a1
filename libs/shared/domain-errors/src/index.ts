/**
 * Errors the domain raises, independent of transport. The HTTP filter in nest-platform maps them:
 * RuleViolationError → 400 (or 422 for a state conflict the caller can fix), NotFoundError → 404,
 * ConflictError → 409, AccessDeniedError (auth lib) → 403.
 */
export interface Violation {
  /** Stable code naming the rule, e.g. TIME_LIMIT_EXCEEDED or domain.md 2.1.4. */
  rule: string;
  /** Path of the offending field in the request, e.g. conditions[1].hours. */
  field?: string;
  message: string;
}

export class RuleViolationError extends Error {
  override readonly name = 'RuleViolationError';
  constructor(
    readonly violations: Violation[],
    message = violations.map((v) => v.message).join('; '),
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} was not found`);
  }
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}
