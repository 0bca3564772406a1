import { blank, RuleViolation } from './rule-result.model';

/**
 * Chain of custody of the surrendered knives (issue 12 §6; domain.md 3.4.4 "disposal of the surrendered knives"):
 * sealed in a numbered bag at the swap, held by named people, handed for destruction, destroyed with a certificate.
 */
export const CUSTODY_STATUSES = ['SEALED', 'HELD', 'HANDED_FOR_DESTRUCTION', 'DESTROYED'] as const;
export type CustodyStatus = (typeof CUSTODY_STATUSES)[number];
export const CUSTODY_ACTIONS = ['TRANSFER', 'HAND_FOR_DESTRUCTION', 'DESTROY'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

const NEXT: Record<CustodyAction, { from: readonly CustodyStatus[]; to: CustodyStatus }> = {
  TRANSFER: { from: ['SEALED', 'HELD'], to: 'HELD' },
  HAND_FOR_DESTRUCTION: { from: ['SEALED', 'HELD'], to: 'HANDED_FOR_DESTRUCTION' },
  DESTROY: { from: ['HANDED_FOR_DESTRUCTION'], to: 'DESTROYED' },
};

export interface CustodyStep {
  action: CustodyAction;
  holder?: string | null;
  certificateRef?: string | null;
}

export type CustodyResult = { ok: true; status: CustodyStatus } | { ok: false; violations: RuleViolation[] };

export function nextCustodyStatus(current: CustodyStatus, step: CustodyStep): CustodyResult {
  const t = NEXT[step.action];
  if (!t || !t.from.includes(current))
    return {
      ok: false,
      violations: [
        {
          rule: 'SKRS_CUSTODY_TRANSITION_NOT_ALLOWED',
          field: 'action',
          message: `Knives that are ${current} cannot be ${step.action}: the chain is SEALED → HELD → HANDED_FOR_DESTRUCTION → DESTROYED.`,
        },
      ],
    };
  const v: RuleViolation[] = [];
  if (step.action !== 'DESTROY' && blank(step.holder))
    v.push({
      rule: 'SKRS_CUSTODY_HOLDER_REQUIRED',
      field: 'holder',
      message: 'Name who holds the knives from now on (person or destruction contractor).',
    });
  if (step.action === 'DESTROY' && blank(step.certificateRef))
    v.push({
      rule: 'SKRS_DESTRUCTION_CERTIFICATE_REQUIRED',
      field: 'certificateRef',
      message: 'Give the destruction certificate reference.',
    });
  return v.length ? { ok: false, violations: v } : { ok: true, status: t.to };
}

/** Not destroyed yet: what the chase workflow keeps chasing. */
export const custodyOpen = (s: CustodyStatus): boolean => s !== 'DESTROYED';
