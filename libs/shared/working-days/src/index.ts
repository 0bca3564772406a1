export * from './iso-date.util';
export * from './bank-holiday.calendar';
export * from './working-days.util';
export * from './working-days.errors';
export {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  ENGLAND_AND_WALES_COVERED_YEARS,
} from './england-and-wales-bank-holidays.data';
