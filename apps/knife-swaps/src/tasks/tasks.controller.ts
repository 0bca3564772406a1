import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { ConflictError, NotFoundError } from '@oversight/domain-errors';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { IsIn, IsOptional } from 'class-validator';
import { day } from '../common/dates';
import { PrismaService } from '../infrastructure/prisma.service';

export class ListTasksQuery {
  @IsOptional()
  @IsIn(['VRU_COORDINATOR', 'VRU_MANAGER', 'VRU_PRACTITIONER'])
  assignee?: string;
}

const STAFF = [Role.VruCoordinator, Role.VruManager, Role.VruPractitioner] as const;

/** Open tasks: new referrals, stock to reorder, knives to chase or escalated, follow-ups due. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @AllowRoles(...STAFF)
  async list(@Query() q: ListTasksQuery) {
    const rows = await this.prisma.coordinatorTask.findMany({
      where: { doneAt: null, ...(q.assignee ? { assignee: q.assignee } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 500,
    });
    return rows.map((t) => ({
      id: t.id,
      kind: t.kind,
      assignee: t.assignee,
      summary: t.summary,
      referralId: t.referralId,
      storeId: t.storeId,
      bagId: t.bagId,
      dueOn: t.dueOn ? day(t.dueOn) : null,
      createdAt: t.createdAt.toISOString(),
    }));
  }

  @Post(':id/done')
  @HttpCode(200)
  @AllowRoles(...STAFF)
  async done(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    const t = await this.prisma.coordinatorTask.findUnique({ where: { id } });
    if (!t) throw new NotFoundError('Task', id);
    if (t.doneAt) throw new ConflictError('The task is already done');
    await this.prisma.coordinatorTask.update({
      where: { id },
      data: { doneAt: new Date(), doneBy: p.subject },
    });
    return { id, done: true };
  }
}
