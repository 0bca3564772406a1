import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { AllowRoles } from '@oversight/nest-platform';
import { IsOptional, Matches } from 'class-validator';
import { QueuesService } from './queues.service';

export class WorkloadQuery {
  @ApiPropertyOptional({ example: 'opcc-reviews-east' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,60}$/, { message: 'team must be a team code such as opcc-reviews-east' })
  team?: string;
}

@ApiTags('work queues')
@ApiBearerAuth()
@Controller('workload')
export class WorkloadController {
  constructor(private readonly queues: QueuesService) {}

  /** Open reviews per reviewer, with overdue, due-soon and on-hold counts (managers). */
  @Get()
  @AllowRoles(Role.OpccManager)
  workload(@Query() query: WorkloadQuery) {
    return this.queues.workload(query.team);
  }
}
