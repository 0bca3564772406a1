import { Principal } from '@oversight/auth';
import { RuleViolationError } from '@oversight/domain-errors';
import { validateConsent } from '@oversight/knife-swap-rules';
import { asDate, refuseFutureDate } from '../../common/dates';
import { Processing } from '../../common/events';
import { ConsentDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** The householder's agreement to replace ALL pointed knives, or their refusal (issue 12 §3; domain.md 3.3.5). */
export async function recordConsent(ctx: ReferralContext, id: string, dto: ConsentDto, p: Principal) {
  refuseFutureDate(dto.recordedOn, 'recordedOn', 'Consent cannot be recorded for a future date.');
  if (dto.given) {
    const v = validateConsent({ given: true, allPointedKnives: dto.allPointedKnives });
    if (v.length) throw new RuleViolationError(v);
  }
  return ctx.change(
    id,
    p,
    dto.given ? 'RECORD_CONSENT' : 'RECORD_REFUSAL',
    Processing.COLLECTION,
    async () => ({
      consentGiven: dto.given,
      consentAllKnives: dto.allPointedKnives,
      consentBy: dto.householderName,
      consentRecordedBy: p.subject,
      consentOn: asDate(dto.recordedOn),
    }),
  );
}
