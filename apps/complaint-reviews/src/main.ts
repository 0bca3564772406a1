import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { createServiceApp, startInboxConsumer } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { AppModule } from './app.module';
import { installBankHolidays } from './config/bank-holidays';
import { ComplaintReviewsEnv } from './config/complaint-reviews.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(ComplaintReviewsEnv);
  const years = installBankHolidays(env.BANK_HOLIDAYS_FILE);
  createLogger('bootstrap').info(
    { from: years[0], to: years[years.length - 1], updated: !!env.BANK_HOLIDAYS_FILE },
    'bank holidays',
  );
  const app = await createServiceApp(AppModule.forRoot(env), {
    serviceName: 'complaint-reviews',
    openApi: { title: 'Complaint reviews', description: 'OPCC reviews of police complaint outcomes' },
  });
  // HTTP-only when RUN_BACKGROUND_WORK=false (src/worker.ts runs the consumers and the Temporal worker).
  await startInboxConsumer(app, undefined, { consume: env.RUN_BACKGROUND_WORK === 'true' });
  await app.listen(env.PORT, env.HTTP_HOST);
  createLogger('bootstrap').info({ port: env.PORT }, 'complaint-reviews listening');
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'complaint-reviews failed to start');
  process.exit(1);
});
