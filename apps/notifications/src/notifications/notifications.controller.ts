import { Controller, Get, Headers, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, Role } from '@oversight/auth';
import { AllowRoles, CurrentPrincipal } from '@oversight/nest-platform';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationSummaryView, NotificationView } from './notification.view';
import { NotificationsService } from './notifications.service';

const CASE_STAFF = [
  Role.OpccReviewer,
  Role.OpccManager,
  Role.CjOpsOfficer,
  Role.CjOpsSupervisor,
  Role.VruCoordinator,
] as const;

@ApiTags('notifications')
@ApiBearerAuth()
@AllowRoles(...CASE_STAFF)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** What was sent about a case, and whether it went: recipients masked, no content. */
  @Get()
  @ApiOkResponse({ type: [NotificationSummaryView] })
  list(@Query() query: ListNotificationsQuery, @CurrentPrincipal() principal: Principal) {
    return this.notifications.listByReference(query.reference, principal, query.limit);
  }

  /** One notification with the text that was sent. A knife-swap household's: only with a reason. */
  @Get(':id')
  @ApiOkResponse({ type: NotificationView })
  @ApiHeader({
    name: 'x-access-reason',
    required: false,
    description:
      'Required to read a message to a knife-swap household (400 NOTIFICATION_ACCESS_REASON_REQUIRED without it)',
  })
  get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-access-reason') reason?: string,
  ) {
    return this.notifications.get(id, principal, reason);
  }
}
