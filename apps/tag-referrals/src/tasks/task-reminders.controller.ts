import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Role } from '@oversight/auth';
import { AllowRoles, todayInLondon } from '@oversight/nest-platform';
import { taskReminderSettings } from '../common/scheduled-sweeps.runner';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { sendTaskReminders } from './send-task-reminders';

/** Runs the task-reminder sweep now (an operator's action; the schedule runs it anyway, and each reminder goes once). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations/task-reminders')
export class TaskRemindersController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly env: TagReferralsEnv,
  ) {}

  @Post()
  @HttpCode(200)
  @AllowRoles(Role.Administrator)
  run() {
    return sendTaskReminders(this.prisma, taskReminderSettings(this.env), todayInLondon());
  }
}
