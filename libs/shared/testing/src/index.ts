export * from './local-stack';
export * from './wait-for';
export * from './gateway-assertion';
export * from './service-instance';
export * from './two-instances';
export * from './e2e-client';
export * from './review-application.sample';
