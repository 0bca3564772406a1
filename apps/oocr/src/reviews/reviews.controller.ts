import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import {
  AssignReviewDto,
  BulkReviewDto,
  CompleteActionDto,
  ListReviewsQuery,
  ReviewOutcomeDto,
} from './dto/review.dto';
import { ReviewsService } from './reviews.service';

const CJ_OPS = [Role.CjOpsOfficer, Role.CjOpsSupervisor] as const;

@ApiTags('community resolution review')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @AllowRoles(...CJ_OPS)
  list(@Query() q: ListReviewsQuery, @CurrentPrincipal() p: Principal) {
    return this.reviews.list(q, p);
  }

  @Post('bulk')
  @HttpCode(200)
  @AllowRoles(...CJ_OPS)
  bulk(@Body() dto: BulkReviewDto, @CurrentPrincipal() p: Principal) {
    return this.reviews.bulk(dto, p);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @AllowRoles(...CJ_OPS)
  assign(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AssignReviewDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.reviews.assign(id, dto, p);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @AllowRoles(...CJ_OPS)
  outcome(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReviewOutcomeDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.reviews.recordOutcome(id, dto, p);
  }

  @Post(':id/referrals/:referralId/actions/:seq/done')
  @HttpCode(200)
  @AllowRoles(...CJ_OPS)
  actionDone(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('referralId', new ParseUUIDPipe()) referralId: string,
    @Param('seq', new ParseIntPipe()) seq: number,
    @Body() dto: CompleteActionDto,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.reviews.completeAction(id, referralId, seq, dto.note, p);
  }
}
