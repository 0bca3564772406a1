export * from './temporal.connection';
export * from './tracing';
