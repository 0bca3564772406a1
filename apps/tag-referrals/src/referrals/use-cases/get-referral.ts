import { Principal } from '@oversight/auth';
import { NotFoundError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { requiredConsents } from '@oversight/tag-rules';
import { day, dayOrNull } from '../../common/dates';
import { ReferralContext } from './referral.context';

/** One referral with its consents, episode and decision log (the gateway records the read). */
export async function getReferral(ctx: ReferralContext, id: string, p: Principal) {
  const r = await ctx.prisma.referral.findFirst({
    where: { id, ...ctx.scope(p) },
    include: {
      decisions: { orderBy: { at: 'asc' } },
      consents: { orderBy: { recordedAt: 'asc' } },
      episode: true,
    },
  });
  if (!r) throw new NotFoundError('Referral', id);
  const e = r.episode;
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    version: r.version,
    subject: {
      name: r.subjectName,
      dateOfBirth: day(r.dateOfBirth),
      addressLines: r.addressLines,
      yotCaseId: r.yotCaseId,
      socialCareCaseId: r.socialCareCaseId,
      earlyHelpCaseId: r.earlyHelpCaseId,
    },
    organisation: r.organisation,
    agency: r.agency,
    grounds: r.grounds,
    multiAgencyPlanRef: r.multiAgencyPlanRef,
    riskLevel: r.riskLevel,
    tagType: r.tagType,
    pool: r.pool,
    summary: r.summary,
    receivedAt: r.receivedAt.toISOString(),
    infoDueOn: dayOrNull(r.infoDueOn),
    tagSerial: r.tagSerial,
    requiredConsents: requiredConsents(day(r.dateOfBirth), todayInLondon(), ctx.settings.rules),
    consents: r.consents.map((c) => ({
      party: c.party,
      givenBy: c.givenBy,
      method: c.method,
      informationVersion: c.informationVersion,
      givenOn: day(c.givenOn),
      recordedBy: c.recordedBy,
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      withdrawalReason: c.withdrawalReason,
    })),
    episode: e && {
      tagSerial: e.tagSerial,
      fittedOn: day(e.fittedOn),
      fittedBy: e.fittedBy,
      fittedWhere: e.fittedWhere,
      plannedDays: e.plannedDays,
      plannedEnd: day(e.plannedEnd),
      status: e.status,
      removedOn: dayOrNull(e.removedOn),
      removalReason: e.removalReason,
    },
    decisions: r.decisions.map((d) => ({
      action: d.action,
      fromStatus: d.fromStatus,
      toStatus: d.toStatus,
      actor: d.actor,
      reason: d.reason,
      at: d.at.toISOString(),
    })),
  };
}
