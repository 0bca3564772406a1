import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { createServiceApp, startInboxConsumer } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { AppModule } from './app.module';
import { OocrEnv } from './config/oocr.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(OocrEnv);
  const app = await createServiceApp(AppModule.forRoot(env), {
    serviceName: 'oocr',
    bodyLimit: '200kb',
    openApi: {
      title: 'Out of court resolutions',
      description: 'CJ Operations: community resolution review and conditional caution tracking',
    },
  });
  // HTTP-only when RUN_BACKGROUND_WORK=false (src/worker.ts runs the consumers and the Temporal worker).
  await startInboxConsumer(app, undefined, { consume: env.RUN_BACKGROUND_WORK === 'true' });
  await app.listen(env.PORT, env.HTTP_HOST);
  createLogger('bootstrap').info({ port: env.PORT }, 'oocr listening');
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'oocr failed to start');
  process.exit(1);
});
