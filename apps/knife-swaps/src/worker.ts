import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { runWorkerProcess } from '@oversight/nest-platform';
import { AppModule } from './app.module';
import { KnifeSwapsEnv } from './config/knife-swaps.env';

// The knife-swaps worker (the swap follow-up workflows): background work only, apart from the HTTP API (runWorkerProcess).
runWorkerProcess('knife-swaps', () => {
  const env = loadConfig(KnifeSwapsEnv);
  return { module: AppModule.forRoot(env), port: env.PORT, host: env.HTTP_HOST };
});
