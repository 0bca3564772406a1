import { RuleViolation } from './rule-result.model';

/** Kits offered (domain.md 3.3.1, vru-notes 3.4): a pack of four, or a single 5-inch, rounded-end kitchen knife. */
export const KIT_TYPES = ['FOUR_PACK', 'SINGLE_5_INCH'] as const;
export type KitType = (typeof KIT_TYPES)[number];
export const isKitType = (v: unknown): v is KitType =>
  typeof v === 'string' && (KIT_TYPES as readonly string[]).includes(v);

/** The safety-advice checklist given with every swap (domain.md 3.4.4 "safety advice given"). */
export const SAFETY_ADVICE_ITEMS = [
  'STORAGE_OF_REPLACEMENT_KNIVES',
  'NO_POINTED_KNIVES_BROUGHT_BACK',
  'KNIFE_CARRYING_RISKS_DISCUSSED',
  'SUPPORT_SERVICES_SIGNPOSTED',
] as const;
export type SafetyAdviceItem = (typeof SAFETY_ADVICE_ITEMS)[number];

/** Bounds on counts [U]: local policy, configurable; the defaults reject typing mistakes, not big households. */
export interface SwapLimits {
  maxKnivesPerSwap: number;
  maxKitsPerSwap: number;
}
export const DEFAULT_SWAP_LIMITS: SwapLimits = { maxKnivesPerSwap: 60, maxKitsPerSwap: 3 };

export interface ConsentRecord {
  given: boolean;
  /** The householder agreed to replace ALL pointed knives in the home (domain.md 3.3.1). */
  allPointedKnives: boolean;
}

export interface SwapInput {
  consent: ConsentRecord | null;
  kitType: string;
  kitQuantity: number;
  knivesSurrendered: number;
  safetyAdvice: readonly string[];
}

/** Consent as recorded before the swap: given, and covering all pointed knives (domain.md 3.3.1, 3.3.5). */
export function validateConsent(c: ConsentRecord): RuleViolation[] {
  if (!c.given)
    return [
      {
        rule: 'SKRS_CONSENT_REQUIRED',
        field: 'given',
        message: 'The householder must agree to the swap (domain.md 3.3.5); record a refusal as DECLINED.',
      },
    ];
  if (!c.allPointedKnives)
    return [
      {
        rule: 'SKRS_CONSENT_MUST_COVER_ALL_POINTED_KNIVES',
        field: 'allPointedKnives',
        message: 'The exchange is for ALL pointed knives in the home (domain.md 3.3.1).',
      },
    ];
  return [];
}

export function validateSwap(input: SwapInput, limits: SwapLimits = DEFAULT_SWAP_LIMITS): RuleViolation[] {
  const v: RuleViolation[] = [];
  if (!input.consent || validateConsent(input.consent).length)
    v.push({
      rule: 'SKRS_CONSENT_REQUIRED',
      field: 'consent',
      message:
        "Record the householder's consent to replace all pointed knives before the swap (domain.md 3.3.1, 3.3.5).",
    });
  if (!isKitType(input.kitType))
    v.push({
      rule: 'SKRS_KIT_TYPE_UNKNOWN',
      field: 'kitType',
      message: `The kit must be one of ${KIT_TYPES.join(', ')} (domain.md 3.3.1).`,
    });
  if (
    !Number.isInteger(input.kitQuantity) ||
    input.kitQuantity < 1 ||
    input.kitQuantity > limits.maxKitsPerSwap
  )
    v.push({
      rule: 'SKRS_KIT_QUANTITY_OUT_OF_RANGE',
      field: 'kitQuantity',
      message: `Kits issued must be a whole number from 1 to ${limits.maxKitsPerSwap}.`,
    });
  if (
    !Number.isInteger(input.knivesSurrendered) ||
    input.knivesSurrendered < 1 ||
    input.knivesSurrendered > limits.maxKnivesPerSwap
  )
    v.push({
      rule: 'SKRS_KNIFE_COUNT_OUT_OF_RANGE',
      field: 'knivesSurrendered',
      message: `Pointed knives surrendered must be a whole number from 1 to ${limits.maxKnivesPerSwap}: a swap replaces all pointed knives in the home (domain.md 3.3.1).`,
    });
  const missing = SAFETY_ADVICE_ITEMS.filter((i) => !input.safetyAdvice.includes(i));
  if (missing.length)
    v.push({
      rule: 'SKRS_SAFETY_ADVICE_INCOMPLETE',
      field: 'safetyAdvice',
      message: `Safety advice is part of every swap (domain.md 3.3.1, 3.4.4); not yet given: ${missing.join(', ')}.`,
    });
  return v;
}
