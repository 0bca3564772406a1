import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal, IsCalendarDate } from '@oversight/nest-platform';
import { IsOptional } from 'class-validator';
import { BoardReport } from './board-report';

export class BoardReportQuery {
  @IsOptional() @IsCalendarDate() from?: string;
  @IsOptional() @IsCalendarDate() to?: string;
}

/** Aggregates only, no person named: the VRU coordinator and manager, and the auditor. */
const READERS = [Role.VruCoordinator, Role.VruManager, Role.Auditor] as const;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly board: BoardReport) {}

  /**
   * The VRU board's figures for a period (default: the year so far); with the special-category breakdown only for
   * the roles allowed (SPECIAL_CATEGORY_READERS), totals only for the others.
   */
  @Get('board')
  @AllowRoles(...READERS)
  boardReport(@Query() q: BoardReportQuery, @CurrentPrincipal() p: Principal) {
    return this.board.execute(q, p);
  }

  @Get('board.csv')
  @AllowRoles(...READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="vru-tag-board.csv"')
  boardCsv(@Query() q: BoardReportQuery) {
    return this.board.csv(q);
  }
}
