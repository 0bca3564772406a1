import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern } from '@nestjs/microservices';
import { PermanentProcessingError } from '@oversight/messaging';
import { isObservable, lastValueFrom } from 'rxjs';
import { InboxKafkaServer } from './inbox-kafka.server';
import { DomainExceptionFilter } from '../http/error.filter';
import { startInboxConsumer } from './start-inbox-consumer';

class DatabaseDown extends Error {
  code = 'ECONNREFUSED';
}

@Controller()
class ThrowingConsumer {
  @EventPattern('test.permanent.v1')
  permanent() {
    throw new PermanentProcessingError('no such review');
  }
  @EventPattern('test.transient.v1')
  async transient() {
    throw new DatabaseDown('connect ECONNREFUSED');
  }
}

@Module({ controllers: [ThrowingConsumer] })
class TestModule {}

async function invoke(server: InboxKafkaServer, pattern: string): Promise<unknown> {
  const handler = server.getHandlerByPattern(pattern)!;
  try {
    const result = await handler({}, {});
    if (isObservable(result)) await lastValueFrom(result);
    return undefined;
  } catch (err) {
    return err;
  }
}

describe('Kafka handler errors reach the inbox consumer unchanged', () => {
  it.each([
    ['test.permanent.v1', PermanentProcessingError],
    ['test.transient.v1', DatabaseDown],
  ])('%s keeps its error class with DomainExceptionFilter', async (pattern, errorClass) => {
    const server = new InboxKafkaServer({} as never);
    const ms = await NestFactory.createMicroservice(TestModule, { strategy: server, logger: false });
    ms.useGlobalFilters(new DomainExceptionFilter());
    await ms.init();
    expect(await invoke(server, pattern)).toBeInstanceOf(errorClass);
    await ms.close();
  });

  it('without it, Nest would have turned the error into a plain object (why the filter exists)', async () => {
    const server = new InboxKafkaServer({} as never);
    const ms = await NestFactory.createMicroservice(TestModule, { strategy: server, logger: false });
    await ms.init();
    const err = await invoke(server, 'test.permanent.v1');
    expect(err).not.toBeInstanceOf(PermanentProcessingError);
    await ms.close();
  });
});

describe('startInboxConsumer wiring (app.init, then a connected microservice)', () => {
  it('keeps the error class for handlers of a connected microservice', async () => {
    const server = new InboxKafkaServer({} as never);
    (server as unknown as { listen: (cb: () => void) => void }).listen = (cb) => cb(); // no broker here
    const app = await NestFactory.create(TestModule, { logger: false });
    app.useGlobalFilters(new DomainExceptionFilter());
    await startInboxConsumer(app, server);
    expect(await invoke(server, 'test.permanent.v1')).toBeInstanceOf(PermanentProcessingError);
    await app.close();
  });
});
