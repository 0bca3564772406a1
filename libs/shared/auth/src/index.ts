export * from './roles';
export * from './errors';
export * from './jwt.verifier';
export * from './local.issuer';
export * from './internal-assertion';
export * from './operations.policy';
export * from './record-access';
