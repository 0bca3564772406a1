import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { ReceiptNotificationsDto } from './receipt-notifications.dto';
import { ReceiptNotificationsService } from './receipt-notifications.service';

@ApiTags('review applications')
@ApiBearerAuth()
@Controller('applications')
export class ReceiptNotificationsController {
  constructor(private readonly notifications: ReceiptNotificationsService) {}

  /**
   * Notifies the appropriate authority, interested persons and the person complained against of the
   * application, or records why a notification is withheld (domain.md 1.4.1, 1.5.7). The first call
   * settles the force and the person complained against; later calls add people found later.
   */
  @Post(':id/receipt-notifications')
  @HttpCode(201)
  @AllowRoles(Role.OpccReviewer, Role.OpccManager)
  record(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ReceiptNotificationsDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.notifications.record(id, dto, principal);
  }
}
