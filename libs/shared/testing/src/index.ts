export * from './local-stack';
export * from './wait-for';
