import { addCalendarDays, isAfter, type IsoDate } from '@oversight/working-days';
import { RiskLevel, tagRulesConfig, TagRulesConfig } from './tag-rules.config';

export const RISK_LEVELS: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];

/** Days between practitioner contacts for a risk level (domain.md 3.1.3 [S]: more often for higher risk; 3.4.3). */
export function contactEveryDays(risk: RiskLevel, override: Partial<TagRulesConfig> = {}): number {
  return tagRulesConfig(override).contactEveryDays[risk];
}

/** The contact due dates of an episode: every `contactEveryDays` from the fit, up to (not past) the planned end. */
export function contactDueDates(
  fitDate: IsoDate,
  plannedEnd: IsoDate,
  risk: RiskLevel,
  override: Partial<TagRulesConfig> = {},
): IsoDate[] {
  const every = contactEveryDays(risk, override);
  const out: IsoDate[] = [];
  for (let d = addCalendarDays(fitDate, every); !isAfter(d, plannedEnd); d = addCalendarDays(d, every))
    out.push(d);
  return out;
}
