import {
  KnifeCustodyUpdatedSchema,
  KnifeKitStockMovedSchema,
  KnifeSwapReferralUpdatedSchema,
} from '../generated/oversight/events/v1/knife_swaps_pb';
import { defineTopic } from './topic.definition';

/** Topics of the Safer Knife Replacement Scheme service (apps/knife-swaps), in the VRU's domain like the tag referrals'. */
export const knifeSwapsTopics = {
  knifeSwapReferralUpdated: defineTopic(
    'vru',
    'knife-swap-referral-updated',
    1,
    KnifeSwapReferralUpdatedSchema,
    'skrs-referral',
  ),
  knifeKitStockMoved: defineTopic('vru', 'knife-kit-stock-moved', 1, KnifeKitStockMovedSchema, 'skrs-store'),
  knifeCustodyUpdated: defineTopic(
    'vru',
    'knife-custody-updated',
    1,
    KnifeCustodyUpdatedSchema,
    'skrs-custody',
  ),
} as const;
