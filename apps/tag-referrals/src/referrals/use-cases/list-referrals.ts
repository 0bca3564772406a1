import { Principal } from '@oversight/auth';
import { ListReferralsQuery } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** No personal data in the list: references, statuses and what the board counts. */
export async function listReferrals(ctx: ReferralContext, q: ListReferralsQuery, p: Principal) {
  const rows = await ctx.prisma.referral.findMany({
    where: { ...ctx.scope(p), ...(q.status ? { status: q.status } : {}) },
    orderBy: [{ receivedAt: 'desc' }, { id: 'asc' }],
    take: Math.min(q.limit ?? 50, 200),
    select: {
      id: true,
      reference: true,
      status: true,
      organisation: true,
      agency: true,
      grounds: true,
      riskLevel: true,
      pool: true,
      receivedAt: true,
    },
  });
  return rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() }));
}
