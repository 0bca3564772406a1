import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { runWorkerProcess } from '@oversight/nest-platform';
import { AppModule } from './app.module';
import { OocrEnv } from './config/oocr.env';

// The oocr worker (the caution and referral workflows; sized by the shared TEMPORAL_WORKER_* settings, OocrEnv): background work only, apart from the HTTP API (runWorkerProcess).
runWorkerProcess('oocr', () => {
  const env = loadConfig(OocrEnv);
  return { module: AppModule.forRoot(env), port: env.PORT, host: env.HTTP_HOST };
});
