import {
  KnifeCustodyUpdatedSchema,
  KnifeKitStockMovedSchema,
  KnifeSwapReferralUpdatedSchema,
} from '../generated/oversight/events/v1/knife_swaps_pb';
import { defineTopic } from './topic.definition';

/** Topics of the Safer Knife Replacement Scheme service (apps/knife-swaps). */
export const knifeSwapsTopics = {
  knifeSwapReferralUpdated: defineTopic(
    'knife-swaps',
    'referral-updated',
    1,
    KnifeSwapReferralUpdatedSchema,
    'skrs-referral',
  ),
  knifeKitStockMoved: defineTopic(
    'knife-swaps',
    'kit-stock-moved',
    1,
    KnifeKitStockMovedSchema,
    'skrs-store',
  ),
  knifeCustodyUpdated: defineTopic(
    'knife-swaps',
    'custody-updated',
    1,
    KnifeCustodyUpdatedSchema,
    'skrs-custody',
  ),
} as const;
