export class InvalidIsoDateError extends Error {
  override readonly name = 'InvalidIsoDateError';

  constructor(readonly value: unknown) {
    super(`Expected a calendar date as 'YYYY-MM-DD', got ${JSON.stringify(value)}.`);
  }
}

export class InvalidDayCountError extends Error {
  override readonly name = 'InvalidDayCountError';

  constructor(readonly value: number) {
    super(`Expected a whole number of days of 0 or more, got ${value}.`);
  }
}

/**
 * Raised rather than treating an unknown year as holiday-free: a deadline that silently skips
 * a bank holiday is wrong by a day and nobody notices. Load a newer list to fix it.
 */
export class OutsideBankHolidayCoverageError extends Error {
  override readonly name = 'OutsideBankHolidayCoverageError';

  constructor(
    readonly date: string,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `No bank holiday data for ${date} (calendar covers ${describeYears(coveredYears)}). ` +
        'Load an updated bank holiday list (GOV.UK bank-holidays.json) before calculating dates in that year.',
    );
  }
}

export class InvalidBankHolidayDataError extends Error {
  override readonly name = 'InvalidBankHolidayDataError';

  constructor(detail: string) {
    super(`Bank holiday data rejected: ${detail}`);
  }
}

function describeYears(years: readonly number[]): string {
  if (years.length === 0) return 'no years';
  const sorted = [...years].sort((a, b) => a - b);
  return `${sorted[0]}–${sorted[sorted.length - 1]}`;
}
