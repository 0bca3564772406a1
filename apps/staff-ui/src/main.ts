import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { createLogger, enableDefaultMetrics } from '@oversight/observability';
import { Pool } from 'pg';
import { StaffUiEnv } from './config/staff-ui.env';
import { createStaffUiApp } from './create-app';

async function bootstrap(): Promise<void> {
  const env = loadConfig(StaffUiEnv);
  enableDefaultMetrics('staff-ui');
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 5 });
  const app = await createStaffUiApp(env, { pool });
  app.enableShutdownHooks();
  await app.listen(env.PORT, env.HTTP_HOST);
  createLogger('bootstrap').info(
    { port: env.PORT, gateway: env.GATEWAY_URL, cookieSecure: env.secureCookies },
    'staff-ui listening',
  );
  process.once('beforeExit', () => void pool.end());
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'staff-ui failed to start');
  process.exit(1);
});
