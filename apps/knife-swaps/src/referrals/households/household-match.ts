import { hasAnyRole, Principal } from '@oversight/auth';
import { householdMatchKey, isDomesticAbuse, isReferralReason } from '@oversight/knife-swap-rules';
import { createHash, randomUUID } from 'node:crypto';
import { DA_READERS, isVruStaff, partnerOrganisation } from '../../common/access';
import { day } from '../../common/dates';
import type { Tx } from '../use-cases/referral.context';

const digest = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * The household a new referral belongs to (issue 12 §1): the one earlier referrals at the same address share,
 * or a new one. Safe when two referrals of one household arrive at the same moment: the unique digest makes
 * the second insert return the first one's id.
 */
export async function householdFor(tx: Tx, addressLines: string[], postcode: string): Promise<string> {
  const key = householdMatchKey(addressLines, postcode);
  if (!key) return randomUUID();
  const [row] = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO household (id, match_key_digest) VALUES (${randomUUID()}::uuid, ${digest(key)})
    ON CONFLICT (match_key_digest) DO UPDATE SET match_key_digest = EXCLUDED.match_key_digest
    RETURNING id::text AS id`;
  return row.id;
}

export interface EarlierReferral {
  id: string;
  reference: string;
  status: string;
  reason: string;
  domesticAbuse: boolean;
  referringOrganisation: string;
  referredOn: string;
  swappedOn: string | null;
  knivesSurrendered: number | null;
}

/**
 * The household's other referrals, as far as the reader may know of them: partners see only their own
 * organisation's; domestic-abuse referrals are listed only to the roles that read them (their existence at an
 * address is itself sensitive). Nothing personal is in the list: the reader opens a referral to see more, and
 * that read follows the referral's own rules (a reason for a DA case).
 */
export async function otherReferralsOfHousehold(
  tx: Tx,
  householdId: string,
  exceptId: string,
  p: Principal,
): Promise<EarlierReferral[]> {
  const rows = await tx.referral.findMany({
    where: {
      householdId,
      id: { not: exceptId },
      ...(isVruStaff(p) ? {} : { referringOrganisation: partnerOrganisation(p) }),
    },
    orderBy: [{ referredOn: 'asc' }, { createdAt: 'asc' }],
    take: 50,
    select: {
      id: true,
      reference: true,
      status: true,
      reason: true,
      referringOrganisation: true,
      referredOn: true,
      swap: { select: { swappedOn: true, knivesSurrendered: true } },
    },
  });
  const mayReadDa = hasAnyRole(p, DA_READERS);
  return rows
    .map((r) => ({ r, da: isReferralReason(r.reason) && isDomesticAbuse(r.reason) }))
    .filter(({ da }) => !da || mayReadDa)
    .map(({ r, da }) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      reason: r.reason,
      domesticAbuse: da,
      referringOrganisation: r.referringOrganisation,
      referredOn: day(r.referredOn),
      swappedOn: r.swap ? day(r.swap.swappedOn) : null,
      knivesSurrendered: r.swap?.knivesSurrendered ?? null,
    }));
}
