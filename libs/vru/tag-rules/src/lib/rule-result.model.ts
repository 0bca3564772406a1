/** A broken rule: a stable code naming it, the offending field, and a message saying what to fix. */
export interface RuleViolation {
  rule: string;
  field?: string;
  message: string;
}
