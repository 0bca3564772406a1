import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createLogger } from '@oversight/observability';
import { TagReferralsEnv } from '../config/tag-referrals.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { sweepExpiredLocations } from './location-retention';

/**
 * Schedules the location retention sweep in the processes that run background work (the worker): a minute after
 * start, then every TAG_LOCATION_SWEEP_MINUTES. Every instance schedules it; the sweep's advisory lock and its
 * run log make one instance do each interval's sweep (location-retention.ts).
 */
@Injectable()
export class LocationRetentionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = createLogger('LocationRetentionRunner');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly env: TagReferralsEnv,
    private readonly prisma: PrismaService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.RUN_BACKGROUND_WORK !== 'true') return;
    const every = this.env.TAG_LOCATION_SWEEP_MINUTES * 60_000;
    const tick = () => {
      this.running = sweepExpiredLocations(this.prisma, {
        retentionDays: this.env.TAG_LOCATION_RETENTION_DAYS,
        trigger: 'SCHEDULE',
        minIntervalMinutes: this.env.TAG_LOCATION_SWEEP_MINUTES,
      }).catch((err) => this.log.error({ err: (err as Error).message }, 'location retention sweep failed'));
      this.timer = setTimeout(tick, every);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, Math.min(60_000, every));
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
