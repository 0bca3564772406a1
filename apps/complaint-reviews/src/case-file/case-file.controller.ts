import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { CaseFileReceiptDto, CaseFileRequestDto } from './case-file.dto';
import { CaseFileService } from './case-file.service';

@ApiTags('review applications')
@ApiBearerAuth()
@Controller('applications')
export class CaseFileController {
  constructor(private readonly caseFiles: CaseFileService) {}

  /**
   * Asks the force PSD for its complaint file (a `complaints.case-file-requested.v1` event for its
   * system) and starts the response clock; optionally stops the completion clock until it arrives.
   */
  @Post(':id/case-file-request')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  request(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CaseFileRequestDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.caseFiles.request(id, dto, principal);
  }

  /** Records the force's case file by hand when it did not come through the PSD's system. */
  @Post(':id/case-file')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  upload(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CaseFileReceiptDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.caseFiles.upload(id, dto, principal);
  }
}
