import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { runWorkerProcess } from '@oversight/nest-platform';
import { AppModule } from './app.module';
import { TagReferralsEnv } from './config/tag-referrals.env';

// The tag-referrals worker (the tag episode workflows): background work only, apart from the HTTP API (runWorkerProcess).
runWorkerProcess('tag-referrals', () => {
  const env = loadConfig(TagReferralsEnv);
  return { module: AppModule.forRoot(env), port: env.PORT, host: env.HTTP_HOST };
});
