import { ArgumentsHost, Catch, INestApplication, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { InboxKafkaServer } from './inbox-kafka.server';

/**
 * Hands a Kafka handler's error to the inbox consumer as it was thrown. Nest's default RPC filter
 * turns any error into a plain `{ status, message }` object, which hides exactly what the inbox
 * consumer decides on (PermanentProcessingError → park; a database or Temporal outage → retry).
 */
@Catch()
export class PassThroughRpcErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Connects the service's InboxKafkaServer as a Nest microservice with errors passed through, and
 * starts it. Call after `app.init()` so handlers registered in module hooks exist.
 */
export async function startInboxConsumer(app: INestApplication): Promise<void> {
  const microservice = app.connectMicroservice({ strategy: app.get(InboxKafkaServer) });
  microservice.useGlobalFilters(new PassThroughRpcErrors());
  await app.startAllMicroservices();
}
