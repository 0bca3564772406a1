import { Principal } from '@oversight/auth';
import { todayInLondon } from '@oversight/nest-platform';
import { MoreInformationDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/** The referrer's answer to a request for more information: back to triage. */
export async function provideInformation(
  ctx: ReferralContext,
  id: string,
  dto: MoreInformationDto,
  p: Principal,
) {
  return ctx.prisma.$transaction(async (tx) => {
    const r = await ctx.lock(tx, id, p);
    const to = ctx.move(r, 'PROVIDE_INFO');
    await ctx.transition(tx, r, 'PROVIDE_INFO', to, p, 'information provided', {
      summary: `${r.summary}\n\n[${todayInLondon()} ${p.subject}] ${dto.information}`,
      infoDueOn: null,
    });
    return { id, status: to };
  });
}
