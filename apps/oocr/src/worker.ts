import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { runWorkerProcess } from '@oversight/nest-platform';
import { AppModule } from './app.module';
import { OocrEnv } from './config/oocr.env';

// The oocr worker (the caution and referral workflows; sized by the OOCR_WORKER_* settings (worker-tuning.ts)): background work only, apart from the HTTP API (runWorkerProcess).
runWorkerProcess('oocr', () => {
  const env = loadConfig(OocrEnv);
  return { module: AppModule.forRoot(env), port: env.PORT, host: env.HTTP_HOST };
});
