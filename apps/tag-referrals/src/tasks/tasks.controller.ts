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

  @ApiPropertyOptional() @IsOptional() @IsUUID() referralId?: string;
}

const VRU = [Role.VruCoordinator, Role.VruPractitioner, Role.VruManager] as const;

/** Work raised by episodes and device events (data reviews, contacts, removals, follow-ups) for the caller's roles. */
@ApiTags('tag tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @AllowRoles(...VRU)
  async list(@Query() q: ListTasksQuery, @CurrentPrincipal() p: Principal) {
    const state = q.state ?? 'open';
    const rows = await this.prisma.task.findMany({
      where: {
        assignee: { in: [p.subject, ...p.roles] },
        ...(q.referralId ? { referralId: q.referralId } : {}),
        ...(state === 'open' ? { doneAt: null } : state === 'done' ? { doneAt: { not: null } } : {}),
      },
      orderBy: [{ dueOn: 'asc' }, { createdAt: 'asc' }],
      take: 200,
    });
    return rows.map((t) => ({
      id: t.id,
      kind: t.kind,
      referralId: t.referralId,
      assignee: t.assignee,
      dueOn: dayOrNull(t.dueOn),
      summary: t.summary,
      detail: t.detail,
      createdAt: t.createdAt.toISOString(),
      doneAt: t.doneAt?.toISOString() ?? null,
    }));
  }

  @Post(':id/done')
  @HttpCode(200)
  @AllowRoles(...VRU)
  async done(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    const t = await this.prisma.task.findUnique({ where: { id } });
    if (!t) throw new NotFoundError('Task', id);
    if (t.assignee !== p.subject && !p.roles.includes(t.assignee as Role))
      throw new AccessDeniedError('This task is assigned to someone else');
    const { count } = await this.prisma.task.updateMany({
      where: { id, doneAt: null },
      data: { doneAt: new Date(), doneBy: p.subject },
    });
    if (count === 0) throw new ConflictError('The task is already done');
    return { id, done: true };
  }
}
