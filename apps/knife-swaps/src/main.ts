import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { createServiceApp, startInboxConsumer } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { AppModule } from './app.module';
import { KnifeSwapsEnv } from './config/knife-swaps.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(KnifeSwapsEnv);
  const app = await createServiceApp(AppModule.forRoot(env), {
    serviceName: 'knife-swaps',
    bodyLimit: '100kb',
    openApi: {
      title: 'Safer Knife Replacement Scheme',
      description:
        'VRU: referrals, pre-offer discussion, eligibility, consent, swaps, kit stock, custody of surrendered knives, follow-up',
    },
  });
  // HTTP-only when RUN_BACKGROUND_WORK=false (src/worker.ts runs the consumers and the Temporal worker).
  await startInboxConsumer(app, undefined, { consume: env.RUN_BACKGROUND_WORK === 'true' });
  await app.listen(env.PORT, env.HTTP_HOST);
  createLogger('bootstrap').info({ port: env.PORT }, 'knife-swaps listening');
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'knife-swaps failed to start');
  process.exit(1);
});
