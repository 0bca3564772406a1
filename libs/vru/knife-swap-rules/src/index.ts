export * from './lib/custody.rule';
export * from './lib/eligibility.rule';
export * from './lib/referral-lifecycle.rule';
export * from './lib/referral-reason.rule';
export * from './lib/rule-result.model';
export * from './lib/schedule.rule';
export * from './lib/stock-ledger.rule';
export * from './lib/swap.rule';
