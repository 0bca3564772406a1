import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createLogger } from '@oversight/observability';
import { connectTemporalWorker } from '@oversight/temporal';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createCautionActivities } from '../cautions/caution.activities';
import { OocrEnv } from '../config/oocr.env';
import { PrismaService } from '../infrastructure/prisma.service';
import { createReferralActivities } from '../reviews/referral.activities';

/** Runs this service's Temporal worker (caution and referral workflows) beside its HTTP server. */
@Injectable()
export class TemporalWorkerRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = createLogger('TemporalWorkerRunner');
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly env: OocrEnv,
    private readonly prisma: PrismaService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.RUN_BACKGROUND_WORK !== 'true') return;
    this.connection = await connectTemporalWorker({
      address: this.env.TEMPORAL_ADDRESS,
      namespace: this.env.TEMPORAL_NAMESPACE,
    });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.env.TEMPORAL_NAMESPACE,
      taskQueue: this.env.TEMPORAL_TASK_QUEUE,
      workflowsPath: require.resolve('../workflows'),
      activities: {
        ...createCautionActivities(this.prisma, { contactDetails: this.env.OOCR_CONTACT_DETAILS }),
        ...createReferralActivities(this.prisma),
      },
    });
    this.running = this.worker.run().catch((err) => {
      this.log.error({ err: (err as Error).message }, 'temporal worker stopped with an error');
      throw err;
    });
    this.log.info({ taskQueue: this.env.TEMPORAL_TASK_QUEUE }, 'temporal worker running');
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    if (this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
