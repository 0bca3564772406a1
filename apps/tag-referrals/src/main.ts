import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { createServiceApp, startInboxConsumer } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { AppModule } from './app.module';
import { TagReferralsEnv } from './config/tag-referrals.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(TagReferralsEnv);
  const app = await createServiceApp(AppModule.forRoot(env), {
    serviceName: 'tag-referrals',
    bodyLimit: '200kb',
    openApi: {
      title: 'Voluntary tag referrals (VRU)',
      description: 'Buddi tag referrals: triage, consent, pools, episodes, device events, follow-up',
    },
  });
  // HTTP-only when RUN_BACKGROUND_WORK=false (src/worker.ts runs the consumers and the Temporal worker).
  await startInboxConsumer(app, undefined, { consume: env.RUN_BACKGROUND_WORK === 'true' });
  await app.listen(env.PORT, env.HTTP_HOST);
  createLogger('bootstrap').info({ port: env.PORT }, 'tag-referrals listening');
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'tag-referrals failed to start');
  process.exit(1);
});
