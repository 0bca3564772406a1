import { LimitQuery } from '@oversight/nest-platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional } from 'class-validator';
import { ApplicationStatus } from '../../generated/prisma/enums';

export const QUEUE_VIEWS = ['unassigned', 'mine', 'team', 'on-hold', 'due-soon', 'overdue'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export class ListApplicationsQuery extends LimitQuery {
  @ApiPropertyOptional({
    enum: QUEUE_VIEWS,
    description:
      'A work queue of open reviews: on-hold = awaiting an extension decision or missing information; ' +
      'due-soon / overdue by the nearest running clock',
  })
  @IsOptional()
  @IsIn(QUEUE_VIEWS, { message: `view must be one of ${QUEUE_VIEWS.join(', ')}` })
  view?: QueueView;

  @ApiPropertyOptional({ enum: ApplicationStatus })
  @IsOptional()
  @IsEnum(ApplicationStatus)
  status?: ApplicationStatus;
}
