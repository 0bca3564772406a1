import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { todayInLondon } from '@oversight/nest-platform';
import { startIntervalJob } from './interval-job';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { parseMailboxes, sendTaskReminders } from '../tasks/send-task-reminders';
import { sweepExpiredLocations } from '../locations/location-retention';

/**
 * The service's scheduled sweeps, in the processes that run background work (the worker): the location retention
 * sweep every TAG_LOCATION_SWEEP_MINUTES and the task reminders every TAG_REMINDER_SWEEP_MINUTES. Every instance
 * schedules them; each sweep's advisory lock, run log and idempotent rows make the work happen once.
 */
@Injectable()
export class ScheduledSweepsRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private jobs: Array<{ stop: () => Promise<void> }> = [];

  constructor(
    private readonly env: TagReferralsEnv,
    private readonly prisma: PrismaService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.RUN_BACKGROUND_WORK !== 'true') return;
    const env = this.env;
    this.jobs.push(
      startIntervalJob('location-retention', env.TAG_LOCATION_SWEEP_MINUTES * 60_000, () =>
        sweepExpiredLocations(this.prisma, {
          retentionDays: env.TAG_LOCATION_RETENTION_DAYS,
          trigger: 'SCHEDULE',
          minIntervalMinutes: env.TAG_LOCATION_SWEEP_MINUTES,
        }),
      ),
      startIntervalJob('task-reminders', env.TAG_REMINDER_SWEEP_MINUTES * 60_000, () =>
        sendTaskReminders(this.prisma, taskReminderSettings(env), todayInLondon()),
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.jobs.map((j) => j.stop()));
  }
}

export function taskReminderSettings(env: TagReferralsEnv) {
  return {
    mailboxes: parseMailboxes(env.TAG_REMINDER_MAILBOXES),
    language: env.TAG_REMINDER_LANGUAGE,
    overdueWindowDays: env.TAG_REMINDER_OVERDUE_WINDOW_DAYS,
  };
}
