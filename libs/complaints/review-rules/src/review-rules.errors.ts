export class InvalidReviewRulesConfigError extends Error {
  override readonly name = 'InvalidReviewRulesConfigError';

  constructor(readonly problems: readonly string[]) {
    super(`Review rules configuration is invalid: ${problems.join('; ')}`);
  }
}

/** An input that cannot describe a real case, e.g. a period that ends before it starts. */
export class InvalidReviewInputError extends Error {
  override readonly name = 'InvalidReviewInputError';
}

/** The configured time-limit basis needs a date the caller did not supply (domain.md 1.5.1). */
export class MissingTimeLimitStartDateError extends Error {
  override readonly name = 'MissingTimeLimitStartDateError';

  constructor(readonly basis: string) {
    super(
      `The time limit is configured to count from ${basis}, but that date was not supplied. ` +
        'Record it, or change timeLimit.countFrom.',
    );
  }
}

export class InvalidExtensionDecisionError extends Error {
  override readonly name = 'InvalidExtensionDecisionError';

  constructor(readonly problems: readonly { code: string; message: string }[]) {
    super(`Extension decision cannot be recorded: ${problems.map((p) => p.message).join(' ')}`);
  }
}

export class ProceedOverrideRejectedError extends Error {
  override readonly name = 'ProceedOverrideRejectedError';
}

export class IncompleteReviewBodyTriageError extends Error {
  override readonly name = 'IncompleteReviewBodyTriageError';

  constructor(readonly unanswered: readonly string[]) {
    super(`Every review-body question must be answered yes or no; unanswered: ${unanswered.join(', ')}.`);
  }
}

export class InvalidReviewDecisionError extends Error {
  override readonly name = 'InvalidReviewDecisionError';

  constructor(readonly problems: readonly { code: string; message: string }[]) {
    super(`Review decision cannot be recorded: ${problems.map((p) => p.message).join(' ')}`);
  }
}
