import { Principal } from '@oversight/auth';
import { ConflictError, RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { consentComplete, ConsentParty, requiredConsents } from '@oversight/tag-rules';
import { isAfter } from '@oversight/working-days';
import { randomUUID } from 'node:crypto';
import { asDate, day } from '../../common/dates';
import { ConsentDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** Consent (domain.md 3.4.2): the person's own, and a parent/guardian's where the configured age requires it; once per party. */
export async function recordConsent(ctx: ReferralContext, id: string, dto: ConsentDto, p: Principal) {
  return ctx.prisma.$transaction(async (tx) => {
    const r = await ctx.lock(tx, id, p);
    if (r.status !== 'CONSENT_PENDING')
      throw new ConflictError(
        `Consent is recorded after acceptance and before allocation; the referral is ${r.status}`,
      );
    const today = todayInLondon();
    if (isAfter(dto.givenOn, today) || dto.givenOn < day(r.receivedAt))
      throw new RuleViolationError([
        {
          rule: 'TAG_CONSENT_DATE',
          field: 'givenOn',
          message: 'givenOn must be between the referral date and today',
        },
      ]);
    const required = requiredConsents(day(r.dateOfBirth), today, ctx.settings.rules);
    if (!required.includes(dto.party))
      throw new RuleViolationError([
        {
          rule: 'TAG_GUARDIAN_CONSENT_NOT_REQUIRED',
          field: 'party',
          message: `the person is ${ctx.settings.rules.guardianConsentBelowAge} or over: only their own consent is asked for (domain.md 3.4.2)`,
        },
      ]);
    const existing = await tx.consent.findUnique({
      where: { referralId_party: { referralId: id, party: dto.party } },
    });
    if (existing) throw new ConflictError(`The ${dto.party.toLowerCase()}'s consent is already recorded`);
    await tx.consent.create({
      data: {
        id: randomUUID(),
        referralId: id,
        party: dto.party,
        givenBy: dto.givenBy,
        method: dto.method,
        informationVersion: dto.informationVersion,
        givenOn: asDate(dto.givenOn),
        recordedBy: p.subject,
      },
    });
    const given = (
      await tx.consent.findMany({ where: { referralId: id, withdrawnAt: null }, select: { party: true } })
    ).map((c) => c.party as ConsentParty);
    if (consentComplete(required, given)) {
      await ctx.transition(tx, r, 'CONSENT_COMPLETE', 'AWAITING_DEVICE', p, `consent: ${given.join(', ')}`, {
        waitingSince: new Date(),
      });
      return { id, status: 'AWAITING_DEVICE', consents: given, missing: [] };
    }
    await ctx.event(tx, r, 'CONSENT_RECORDED', r.status, r.status, p, dto.party);
    await tx.referral.update({ where: { id }, data: { version: { increment: 1 } } });
    return { id, status: r.status, consents: given, missing: required.filter((x) => !given.includes(x)) };
  });
}
