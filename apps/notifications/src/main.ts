import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { createServiceApp, startInboxConsumer } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { AppModule } from './app.module';
import { NotificationsEnv } from './config/notifications.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(NotificationsEnv);
  const app = await createServiceApp(AppModule.forRoot(env), {
    serviceName: 'notifications',
    openApi: {
      title: 'Notifications',
      description: 'Emails, text messages and letters for every service (GOV.UK Notify or a local sink)',
    },
  });
  if (env.RUN_BACKGROUND_WORK === 'true') {
    await startInboxConsumer(app);
  }
  await app.listen(env.PORT, env.HTTP_HOST);
  // Which adapter, never its key.
  createLogger('bootstrap').info(
    { port: env.PORT, delivery: env.NOTIFICATIONS_DELIVERY },
    'notifications listening',
  );
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'notifications failed to start');
  process.exit(1);
});
