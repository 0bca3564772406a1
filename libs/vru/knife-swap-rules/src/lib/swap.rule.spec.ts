import { SAFETY_ADVICE_ITEMS, SwapInput, validateConsent, validateSwap } from './swap.rule';

const swap = (o: Partial<SwapInput> = {}): SwapInput => ({
  consent: { given: true, allPointedKnives: true },
  kitType: 'FOUR_PACK',
  kitQuantity: 1,
  knivesSurrendered: 6,
  safetyAdvice: [...SAFETY_ADVICE_ITEMS],
  ...o,
});
const rules = (o: Partial<SwapInput>) => validateSwap(swap(o)).map((v) => v.rule);

describe('consent before the swap (domain.md 3.3.1 all pointed knives, 3.3.5 recipient agrees)', () => {
  it.each<[string, { given: boolean; allPointedKnives: boolean }, string[]]>([
    ['3.3.5 agreed, all knives', { given: true, allPointedKnives: true }, []],
    ['3.3.5 not agreed', { given: false, allPointedKnives: true }, ['SKRS_CONSENT_REQUIRED']],
    [
      '3.3.1 agreed to some knives only',
      { given: true, allPointedKnives: false },
      ['SKRS_CONSENT_MUST_COVER_ALL_POINTED_KNIVES'],
    ],
  ])('%s', (_c, consent, expected) => expect(validateConsent(consent).map((v) => v.rule)).toEqual(expected));
});

describe('the swap (domain.md 3.3.1 kits; 3.4.4 counts and safety advice)', () => {
  it.each<[string, Partial<SwapInput>, string[]]>([
    ['3.3.1 a pack of four', {}, []],
    ['3.3.1 a single 5-inch knife', { kitType: 'SINGLE_5_INCH' }, []],
    ['3.3.5 no consent recorded', { consent: null }, ['SKRS_CONSENT_REQUIRED']],
    ['3.3.1 a kit the scheme does not offer', { kitType: 'CHEF_SET' }, ['SKRS_KIT_TYPE_UNKNOWN']],
    ['3.4.4 zero knives surrendered', { knivesSurrendered: 0 }, ['SKRS_KNIFE_COUNT_OUT_OF_RANGE']],
    ['3.4.4 a negative count', { knivesSurrendered: -3 }, ['SKRS_KNIFE_COUNT_OUT_OF_RANGE']],
    ['3.4.4 a fractional count', { knivesSurrendered: 2.5 }, ['SKRS_KNIFE_COUNT_OUT_OF_RANGE']],
    [
      '3.4.4 an absurd count (above the [U] bound of 60)',
      { knivesSurrendered: 400 },
      ['SKRS_KNIFE_COUNT_OUT_OF_RANGE'],
    ],
    ['3.4.4 the bound itself', { knivesSurrendered: 60 }, []],
    ['kits: none issued', { kitQuantity: 0 }, ['SKRS_KIT_QUANTITY_OUT_OF_RANGE']],
    ['kits: above the [U] bound of 3', { kitQuantity: 4 }, ['SKRS_KIT_QUANTITY_OUT_OF_RANGE']],
    [
      '3.4.4 safety advice incomplete',
      { safetyAdvice: ['STORAGE_OF_REPLACEMENT_KNIVES'] },
      ['SKRS_SAFETY_ADVICE_INCOMPLETE'],
    ],
  ])('%s', (_c, o, expected) => expect(rules(o)).toEqual(expected));

  it('honours configured bounds', () => {
    expect(
      validateSwap(swap({ knivesSurrendered: 10 }), { maxKnivesPerSwap: 8, maxKitsPerSwap: 1 })[0].rule,
    ).toBe('SKRS_KNIFE_COUNT_OUT_OF_RANGE');
  });
});
