import { resolveOocrRulesConfig, type OocrRulesConfig, type OocrRulesOverride } from '@oversight/oocr-rules';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OocrEnv } from './oocr.env';

/** The 18+1 ethnicity codes (England and Wales, 2011 onwards) the field app and the API accept. */
export const ETHNICITY_CODES = [
  'W1',
  'W2',
  'W3',
  'W4',
  'M1',
  'M2',
  'M3',
  'M4',
  'A1',
  'A2',
  'A3',
  'A4',
  'A5',
  'B1',
  'B2',
  'B3',
  'O1',
  'O2',
  'NS',
] as const;
export const GENDERS = ['MALE', 'FEMALE', 'OTHER', 'NOT_STATED'] as const;

/** Home Office offence groups, for reporting. */
export const OFFENCE_GROUPS = [
  'VIOLENCE_AGAINST_THE_PERSON',
  'SEXUAL_OFFENCES',
  'ROBBERY',
  'THEFT',
  'CRIMINAL_DAMAGE_AND_ARSON',
  'DRUG_OFFENCES',
  'POSSESSION_OF_WEAPONS',
  'PUBLIC_ORDER_OFFENCES',
  'MISCELLANEOUS_CRIMES_AGAINST_SOCIETY',
] as const;

export interface BaselineDimension {
  referenceGroup: string;
  population: Record<string, number>;
}

export interface DisproportionalityBaseline {
  note?: string;
  ethnicity: BaselineDimension;
  gender: BaselineDimension;
  ageGroup: BaselineDimension;
}

/** Everything configurable the service reads, resolved once at boot (a bad file stops the service). */
export class OocrSettings {
  constructor(
    readonly rules: OocrRulesConfig,
    readonly baseline: DisproportionalityBaseline,
    readonly districts: readonly string[],
    readonly reminderDaysBefore: number,
    readonly referral: { dueDays: number; reminderEveryDays: number; maxReminders: number },
  ) {}

  static fromEnv(env: OocrEnv): OocrSettings {
    const override = env.OOCR_RULES_FILE
      ? (readJson(env.OOCR_RULES_FILE, 'OOCR_RULES_FILE') as OocrRulesOverride)
      : {};
    const baselineFile =
      env.OOCR_BASELINE_FILE ?? join(__dirname, '..', '..', 'config', 'disproportionality-baseline.json');
    const baseline = readJson(baselineFile, 'OOCR_BASELINE_FILE') as DisproportionalityBaseline;
    for (const dim of ['ethnicity', 'gender', 'ageGroup'] as const) {
      const d = baseline[dim];
      if (!d || typeof d.referenceGroup !== 'string' || typeof d.population !== 'object')
        throw new Error(`${baselineFile}: ${dim} needs referenceGroup and population`);
    }
    return new OocrSettings(
      resolveOocrRulesConfig(override),
      baseline,
      env.OOCR_DISTRICTS.split(','),
      env.CONDITION_REMINDER_DAYS_BEFORE,
      {
        dueDays: env.REFERRAL_DUE_DAYS,
        reminderEveryDays: env.REFERRAL_REMINDER_EVERY_DAYS,
        maxReminders: env.REFERRAL_MAX_REMINDERS,
      },
    );
  }

  /** Defaults only: for tests. */
  static defaults(): OocrSettings {
    return OocrSettings.fromEnv(
      Object.assign(new OocrEnv(), { OOCR_DISTRICTS: new OocrEnv().OOCR_DISTRICTS }),
    );
  }
}

function readJson(file: string, setting: string): unknown {
  if (!existsSync(file)) throw new Error(`${setting}: ${file} does not exist`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${setting}: ${file} is not valid JSON (${(err as Error).message})`);
  }
}
