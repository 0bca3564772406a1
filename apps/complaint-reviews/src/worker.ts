import 'reflect-metadata';
import { loadConfig } from '@oversight/config';
import { runWorkerProcess } from '@oversight/nest-platform';
import { AppModule } from './app.module';
import { installBankHolidays } from './config/bank-holidays';
import { ComplaintReviewsEnv } from './config/complaint-reviews.env';

// The complaint-reviews worker (the review clock workflows): background work only, apart from the HTTP API (runWorkerProcess).
runWorkerProcess('complaint-reviews', () => {
  const env = loadConfig(ComplaintReviewsEnv);
  installBankHolidays(env.BANK_HOLIDAYS_FILE); // the clocks count working days
  return { module: AppModule.forRoot(env), port: env.PORT, host: env.HTTP_HOST };
});
