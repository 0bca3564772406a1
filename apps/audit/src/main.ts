import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { createServiceApp, startInboxConsumer } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { AppModule } from './app.module';
import { AuditEnv } from './config/audit.env';

async function bootstrap(): Promise<void> {
  const env = loadConfig(AuditEnv);
  const app = await createServiceApp(AppModule.forRoot(env), {
    serviceName: 'audit',
    openApi: {
      title: 'Audit trail',
      description: 'Append-only, hash-chained log of processing of personal data (DPA 2018 s62)',
    },
  });
  await startInboxConsumer(app);
  await app.listen(env.PORT, env.HTTP_HOST);
  createLogger('bootstrap').info({ port: env.PORT }, 'audit listening');
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'audit failed to start');
  process.exit(1);
});
