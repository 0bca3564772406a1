export * from './temporal.connection';
export * from './tracing';
export * from './history-json';
export * from './history-replay';
export * from './worker-versioning';
export * from './worker-concurrency';
export * from './temporal-security';
export * from './api-key-reload';
