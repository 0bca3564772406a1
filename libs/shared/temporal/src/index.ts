export * from './temporal.connection';
