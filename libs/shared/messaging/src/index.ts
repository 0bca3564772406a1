export * from './sql-client';
export * from './errors';
export * from './outbox/outbox.writer';
export * from './outbox/outbox.relay';
export * from './kafka/kafka.client';
export * from './inbox/inbox.consumer';
export * from './inbox/parked-message.store';
export * from './messaging.sql';
