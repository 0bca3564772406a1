import { Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { buildEvent, Processing, Topics } from '@oversight/contracts';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { currentCorrelationId } from '@oversight/observability';
import { userActor } from '../common/actor';
import { PrismaService } from '../infrastructure/prisma.service';

export const SPECIAL_CATEGORY_RECORD_TYPE = 'oocr-special-category';

/**
 * Gender and ethnicity (DPA 2018 s35 sensitive processing): kept in their own table and released one record at a
 * time to supervisors, who scrutinise disproportionality. The gateway records the read too, but this service
 * records its own consultation entry in the same transaction that reads the data, so a read can never happen
 * without its log, however the service was reached (domain.md 4.2.1, 4.4.3).
 */
@Injectable()
export class SpecialCategoryService {
  constructor(private readonly prisma: PrismaService) {}

  async read(disposalId: string, principal: Principal, justification: string | undefined) {
    if (!justification || justification.trim().length < 5)
      throw new RuleViolationError([
        {
          rule: 'OOCR_ACCESS_REASON_REQUIRED',
          field: 'x-access-reason',
          message: 'Reading gender and ethnicity needs a reason: send it in the X-Access-Reason header.',
        },
      ]);
    return this.prisma.$transaction(async (tx) => {
      const d = await tx.disposal.findUnique({
        where: { id: disposalId },
        select: { offenderId: true, offender: { select: { specialCategory: true } } },
      });
      if (!d) throw new NotFoundError('Disposal', disposalId);
      const event = buildEvent(
        Topics.accessRecorded,
        {
          aggregateId: disposalId,
          actor: userActor(principal),
          correlationId: currentCorrelationId(),
          processing: Processing.CONSULTATION,
          justification,
        },
        {
          recordType: SPECIAL_CATEGORY_RECORD_TYPE,
          recordId: disposalId,
          route: 'GET /disposals/:id/special-category (oocr)',
          statusCode: 200,
          recipient: '',
          allowed: true,
        },
      );
      await appendToOutbox(tx, Topics.accessRecorded, event);
      const sc = d.offender.specialCategory;
      return {
        disposalId,
        offenderId: d.offenderId,
        gender: sc?.gender ?? null,
        ethnicity: sc?.ethnicity ?? null,
        recordedAt: sc?.recordedAt.toISOString() ?? null,
      };
    });
  }
}
