import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AccessDeniedError, Principal, Role } from '@oversight/auth';
import { ConflictError, NotFoundError } from '@oversight/domain-errors';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { dayOrNull } from '../common/dates';
import { PrismaService } from '../infrastructure/prisma.service';

export class ListTasksQuery {
  @ApiPropertyOptional({ enum: ['open', 'done', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'done', 'all'])
  state?: 'open' | 'done' | 'all';

  @ApiPropertyOptional({ description: 'Only the tasks about one record' })
  @IsOptional()
  @IsUUID()
  disposalId?: string;
}

/**
 * Work raised by the workflows (reminders, breach assessments, time-limit escalations, referral chases) for the
 * caller: tasks assigned to them, and to the team queues of their roles.
 */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @AllowRoles(Role.CjOpsOfficer, Role.CjOpsSupervisor)
  async list(@Query() q: ListTasksQuery, @CurrentPrincipal() p: Principal) {
    const state = q.state ?? 'open';
    const rows = await this.prisma.officerTask.findMany({
      where: {
        assignee: { in: [p.subject, ...p.roles] },
        ...(q.disposalId ? { disposalId: q.disposalId } : {}),
        ...(state === 'open' ? { doneAt: null } : state === 'done' ? { doneAt: { not: null } } : {}),
      },
      orderBy: [{ dueOn: 'asc' }, { createdAt: 'asc' }],
      take: 200,
    });
    return rows.map((t) => ({
      id: t.id,
      kind: t.kind,
      disposalId: t.disposalId,
      assignee: t.assignee,
      dueOn: dayOrNull(t.dueOn),
      summary: t.summary,
      createdAt: t.createdAt.toISOString(),
      doneAt: t.doneAt?.toISOString() ?? null,
    }));
  }

  @Post(':id/done')
  @HttpCode(200)
  @AllowRoles(Role.CjOpsOfficer, Role.CjOpsSupervisor)
  async done(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    const t = await this.prisma.officerTask.findUnique({ where: { id } });
    if (!t) throw new NotFoundError('Task', id);
    if (t.assignee !== p.subject && !p.roles.includes(t.assignee as Role))
      throw new AccessDeniedError('This task is assigned to someone else');
    const { count } = await this.prisma.officerTask.updateMany({
      where: { id, doneAt: null },
      data: { doneAt: new Date() },
    });
    if (count === 0) throw new ConflictError('The task is already done');
    return { id, done: true };
  }
}
