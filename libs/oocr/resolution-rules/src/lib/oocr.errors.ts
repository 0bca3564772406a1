// Errors are for programmer mistakes (a malformed date passed to a helper, an impossible config).
// User input is never rejected by throwing: validators return violations instead.

export class InvalidCalendarDateError extends Error {
  override readonly name = 'InvalidCalendarDateError';

  constructor(readonly value: unknown) {
    super(`Expected an ISO calendar date 'YYYY-MM-DD', got ${JSON.stringify(value)}`);
  }
}

export class OocrConfigError extends Error {
  override readonly name = 'OocrConfigError';

  constructor(readonly problems: string[]) {
    super(`Invalid OOCR rules configuration: ${problems.join('; ')}`);
  }
}

/** Asked for a rule that the disposal type does not have (e.g. the completion clock of a community resolution). */
export class OocrRuleNotApplicableError extends Error {
  override readonly name = 'OocrRuleNotApplicableError';

  constructor(message: string) {
    super(message);
  }
}
