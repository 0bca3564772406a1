import { BadRequestException, Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { AuditTrailService } from './audit-trail.service';
import { EntryQueryDto } from './entry-query.dto';

@ApiTags('audit trail')
@ApiBearerAuth()
@AllowRoles(Role.Auditor)
@Controller()
export class AuditController {
  constructor(private readonly trail: AuditTrailService) {}

  /** Search the trail by record, person, actor or time. The search itself is recorded. */
  @Get('entries')
  @ApiHeader({ name: 'X-Access-Reason', required: true, description: 'Why you are reading the audit trail' })
  entries(
    @Query() q: EntryQueryDto,
    @Headers('x-access-reason') reason: string | undefined,
    @CurrentPrincipal() p: Principal,
  ) {
    if (!reason || reason.trim().length < 5)
      throw new BadRequestException(
        'Reading the audit trail needs a reason: send it in the X-Access-Reason header (5+ characters)',
      );
    if (q.from && q.to && q.from >= q.to) throw new BadRequestException('from must be before to');
    return this.trail.query(
      {
        recordType: q.recordType,
        recordId: q.recordId,
        dataSubjectId: q.dataSubjectId,
        actorSubject: q.actor,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit ?? 100,
      },
      p,
      reason.trim(),
      currentCorrelationId(),
    );
  }

  /** Recomputes the hash chain: proves no entry was altered, removed or inserted. */
  @Get('verification')
  verification() {
    return this.trail.verify();
  }
}
