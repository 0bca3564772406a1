import { Principal } from '@oversight/auth';
import { isDomesticAbuse, isReferralReason, OPEN_REFERRAL_STATUSES } from '@oversight/knife-swap-rules';
import { isVruStaff, partnerOrganisation } from '../../common/access';
import { day } from '../../common/dates';
import { Prisma } from '../../generated/prisma/client';
import { ListReferralsQuery } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** The referral list, without personal data: partners see their own organisation's referrals only. */
export async function listReferrals(ctx: ReferralContext, q: ListReferralsQuery, p: Principal) {
  const status = q.status ?? 'OPEN';
  const where: Prisma.ReferralWhereInput = {
    ...(status === 'OPEN'
      ? { status: { in: [...OPEN_REFERRAL_STATUSES] } }
      : status === 'ALL'
        ? {}
        : { status }),
    ...(q.district ? { district: q.district } : {}),
    ...(q.partnerCaseRef ? { partnerCaseRef: q.partnerCaseRef } : {}),
    ...(isVruStaff(p) ? {} : { referringOrganisation: partnerOrganisation(p) }),
  };
  const rows = await ctx.prisma.referral.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: Math.min(Math.max(q.limit ?? 50, 1), 200),
    skip: Math.max(q.offset ?? 0, 0),
    select: {
      id: true,
      reference: true,
      status: true,
      reason: true,
      district: true,
      referringAgency: true,
      referringOrganisation: true,
      partnerCaseRef: true,
      referredOn: true,
      version: true,
    },
  });
  return rows.map((r) => ({
    ...r,
    referredOn: day(r.referredOn),
    domesticAbuse: isReferralReason(r.reason) && isDomesticAbuse(r.reason),
  }));
}
