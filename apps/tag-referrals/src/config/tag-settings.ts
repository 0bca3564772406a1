import { RiskLevel, tagRulesConfig, TagRulesConfig } from '@oversight/tag-rules';
import { TagReferralsEnv } from './tag-referrals.env';

/** The rules configuration and service settings, read once from the environment (refused at boot if impossible). */
export class TagSettings {
  constructor(
    readonly rules: TagRulesConfig,
    readonly infoDueDays: number,
    readonly plannedEndReminderDays: number,
    readonly removalOverdueDays: number,
  ) {}

  static fromEnv(env: TagReferralsEnv): TagSettings {
    const [minAge, maxAge] = env.TAG_VRU_POOL_AGE_BAND.split('-').map(Number);
    const contactEveryDays = Object.fromEntries(
      env.TAG_CONTACT_EVERY_DAYS.split(',').map((p) => {
        const [k, v] = p.split(':');
        return [k, Number(v)];
      }),
    ) as Record<RiskLevel, number>;
    const rules = tagRulesConfig({
      upperAge: env.TAG_UPPER_AGE,
      vruPoolBand: { minAge, maxAge },
      guardianConsentBelowAge: env.TAG_GUARDIAN_CONSENT_BELOW_AGE,
      contactEveryDays,
      poolSizes: { IOM: env.TAG_POOL_IOM_SIZE, VRU: env.TAG_POOL_VRU_SIZE },
    });
    return new TagSettings(
      rules,
      env.TAG_INFO_DUE_DAYS,
      env.TAG_PLANNED_END_REMINDER_DAYS,
      env.TAG_REMOVAL_OVERDUE_DAYS,
    );
  }
}
