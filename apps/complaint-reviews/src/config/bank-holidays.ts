import {
  defaultEnglandAndWalesCalendar,
  useEnglandAndWalesCalendar,
  withGovUkBankHolidays,
} from '@oversight/working-days';
import { readFileSync } from 'node:fs';

/**
 * Installs the operator's updated bank-holiday list (GOV.UK's bank-holidays.json saved to
 * BANK_HOLIDAYS_FILE) for this process, before any date is counted. A file that cannot be read or
 * parsed stops the service at start-up rather than counting with a wrong calendar. Returns the years
 * the calendar now covers.
 */
export function installBankHolidays(file: string | undefined): readonly number[] {
  if (file) useEnglandAndWalesCalendar(withGovUkBankHolidays(readFileSync(file, 'utf8')));
  return [...defaultEnglandAndWalesCalendar().coveredYears].sort((a, b) => a - b);
}
