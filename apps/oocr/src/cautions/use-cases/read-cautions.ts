import { ConflictError } from '@oversight/domain-errors';
import { asDate, day, dayOrNull } from '../../common/dates';
import { CAUTION_STATE_QUERY, CautionWorkflowState, cautionWorkflowId } from '../../workflows/caution.types';
import { CautionContext } from './caution.context';

export async function list(
  ctx: CautionContext,
  q: { status?: string; dueBefore?: string; limit?: number; offset?: number },
) {
  const rows = await ctx.prisma.caution.findMany({
    where: {
      ...(q.status ? { status: q.status } : {}),
      ...(q.dueBefore ? { completionDueDate: { lte: asDate(q.dueBefore) } } : {}),
    },
    include: {
      disposal: {
        select: {
          reference: true,
          disposalType: true,
          district: true,
          issueDate: true,
          offenceClass: true,
        },
      },
    },
    orderBy: [{ completionDueDate: 'asc' }],
    take: q.limit ?? 50,
    skip: q.offset ?? 0,
  });
  return rows.map((c) => ({
    id: c.disposalId,
    reference: c.disposal.reference,
    disposalType: c.disposal.disposalType,
    district: c.disposal.district,
    issueDate: day(c.disposal.issueDate),
    status: c.status,
    completionDueDate: day(c.completionDueDate),
    timeLimitStatus: c.timeLimitStatus,
    lastDateToLay: dayOrNull(c.lastDateToLay),
  }));
}

/** The workflow's own view (live from Temporal): what the database shows plus timers, reminders and rejected signals. */
export async function workflowState(ctx: CautionContext, cautionId: string): Promise<CautionWorkflowState> {
  await ctx.load(ctx.prisma, cautionId);
  try {
    return await ctx.temporal.workflow
      .getHandle(cautionWorkflowId(cautionId))
      .query<CautionWorkflowState>(CAUTION_STATE_QUERY);
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError')
      throw new ConflictError('The caution workflow has not started yet; try again in a moment');
    throw err;
  }
}
