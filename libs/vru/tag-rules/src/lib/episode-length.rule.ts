import { addCalendarDays, isIsoDate, type IsoDate } from '@oversight/working-days';
import type { RuleViolation } from './rule-result.model';
import { tagRulesConfig, TagRulesConfig } from './tag-rules.config';

export interface EpisodeLengthRequest {
  /** Planned length in days; the default (6 weeks) when absent. */
  days?: number;
  /** Why longer than the default (needed past 6 weeks). */
  reason?: string | null;
  /** A VRU manager's reason (needed past 8 weeks). */
  managerReason?: string | null;
  /** Whether the caller is a VRU manager (only a manager may give managerReason). */
  byManager: boolean;
}

/**
 * Planned episode length (domain.md 3.1.3 [S] "about 6 weeks (6–8 weeks)", 3.4.3 "default fit + 6 weeks, configurable
 * to 8"; longer only with a manager's reason, the evaluation observed 7–234 days [S]).
 */
export function checkEpisodeLength(
  req: EpisodeLengthRequest,
  override: Partial<TagRulesConfig> = {},
): { days: number; violations: RuleViolation[] } {
  const e = tagRulesConfig(override).episode;
  const days = req.days ?? e.defaultDays;
  const v: RuleViolation[] = [];
  if (!Number.isInteger(days) || days < e.minDays)
    v.push({
      rule: 'TAG_EPISODE_TOO_SHORT',
      field: 'days',
      message: `days must be a whole number ≥ ${e.minDays}`,
    });
  else if (days > e.managerMaxDays)
    v.push({
      rule: 'TAG_EPISODE_TOO_LONG',
      field: 'days',
      message: `an episode may not be planned past ${e.managerMaxDays} days (domain.md 3.1.3: longest observed)`,
    });
  else if (days > e.extendedDays) {
    if (!req.byManager)
      v.push({
        rule: 'TAG_EPISODE_NEEDS_MANAGER',
        field: 'days',
        message: `past ${e.extendedDays} days only a VRU manager may set the length, with a reason (domain.md 3.4.3)`,
      });
    else if (!req.managerReason?.trim())
      v.push({
        rule: 'TAG_EPISODE_MANAGER_REASON_REQUIRED',
        field: 'managerReason',
        message: `give the manager's reason for more than ${e.extendedDays} days (domain.md 3.4.3)`,
      });
  } else if (days > e.defaultDays && !req.reason?.trim() && !req.managerReason?.trim())
    v.push({
      rule: 'TAG_EPISODE_REASON_REQUIRED',
      field: 'reason',
      message: `give a reason for more than ${e.defaultDays} days (domain.md 3.1.3: normally 6 weeks, up to 8)`,
    });
  return { days, violations: v };
}

/** Planned end = fit date + planned length (domain.md 3.4.3). */
export function plannedEndDate(fitDate: IsoDate, days: number): IsoDate {
  if (!isIsoDate(fitDate)) throw new RangeError(`fitDate ${fitDate} is not a date`);
  return addCalendarDays(fitDate, days);
}
