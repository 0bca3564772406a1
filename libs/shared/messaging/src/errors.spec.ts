import { InvalidEventError } from '@oversight/contracts';
import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
} from 'kafkajs';
import { isTransientError, PermanentProcessingError } from './errors';

// kafkajs's retrier wraps the last error like this when it gives up (node_modules/kafkajs/src/retry).
const gaveUp = (e: Error) => new KafkaJSNumberOfRetriesExceeded(e, { retryCount: 5, retryTime: 10_000 });
const bailed = (e: Error & { cause?: unknown }) =>
  Object.assign(new KafkaJSNonRetriableError(e), { cause: e.cause ?? e });

const notLeader = () =>
  new KafkaJSProtocolError({
    message: 'This server is not the leader for that topic-partition',
    type: 'NOT_LEADER_OR_FOLLOWER',
    code: 6,
    retriable: true,
  } as never);
const tooLarge = () =>
  new KafkaJSProtocolError({
    message: 'The request included a message larger than the max message size',
    type: 'MESSAGE_TOO_LARGE',
    code: 10,
    retriable: false,
  } as never);
const refused = () =>
  new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', {
    broker: '127.0.0.1:9092',
    code: 'ECONNREFUSED',
  });

describe('isTransientError', () => {
  it.each<[string, unknown]>([
    ['a socket error code', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    [
      'a PostgreSQL serialization failure',
      Object.assign(new Error('could not serialize access'), { code: '40001' }),
    ],
    [
      'a PostgreSQL admin shutdown',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    [
      'Prisma: database unreachable',
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' }),
    ],
    [
      'Prisma: transaction closed under it',
      Object.assign(new Error('Transaction API error'), { code: 'P2028' }),
    ],
    ['a pg driver message without a code', new Error('Connection terminated unexpectedly')],
    ['kafkajs: connection refused', refused()],
    [
      'kafkajs: request timeout',
      new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out'),
    ],
    ['kafkajs: retries exhausted on a connection error', gaveUp(refused())],
    ['kafkajs: an outer retrier bailing on an inner one that gave up', bailed(gaveUp(refused()))],
    ['kafkajs: a retriable protocol error (leader moved)', notLeader()],
    ['kafkajs: bail on a retriable protocol error', bailed(notLeader())],
    [
      'Temporal: service unreachable',
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { name: 'ServiceError' }),
    ],
    [
      'a transient cause a few levels down',
      new Error('handler failed', { cause: new Error('query failed', { cause: { code: 'ETIMEDOUT' } }) }),
    ],
  ])('treats %s as transient', (_name, err) => {
    expect(isTransientError(err)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a plain error', new Error('cannot read property of undefined')],
    ['a declared permanent failure', new PermanentProcessingError('unknown application')],
    ['an invalid event', new InvalidEventError('malformed message')],
    [
      'a PostgreSQL unique violation',
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
    ],
    ['Prisma: unique constraint', Object.assign(new Error('Unique constraint failed'), { code: 'P2002' })],
    ['kafkajs: a non-retriable protocol error (message too large)', tooLarge()],
    ['kafkajs: bail on a non-retriable protocol error', bailed(tooLarge())],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('treats %s as not transient', (_name, err) => {
    expect(isTransientError(err)).toBe(false);
  });

  it('stops following causes after a few levels (a cyclic cause cannot hang it)', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    const b: Error & { cause?: unknown } = new Error('b', { cause: a });
    a.cause = b;
    expect(isTransientError(a)).toBe(false);
  });
});
