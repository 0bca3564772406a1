/** Shared by the swap workflow, its activities and its callers: types and constants only. */
export const SWAP_WORKFLOW = 'knifeSwapWorkflow';
export const CUSTODY_DESTROYED_SIGNAL = 'custodyDestroyed';
export const FOLLOW_UP_RECORDED_SIGNAL = 'followUpRecorded';
export const SWAP_STATE_QUERY = 'state';

export const swapWorkflowId = (swapId: string): string => `knife-swap-${swapId}`;

export interface SwapWorkflowInput {
  swapId: string;
  bagId: string;
  referralId: string;
  reference: string;
  /** ISO instants: when undestroyed knives are chased, then escalated, and when the follow-up is due. */
  chaseAt: string;
  escalateAt: string;
  followUpAt: string;
  correlationId: string;
}

export interface SwapWorkflowState {
  custody: 'OPEN' | 'DESTROYED';
  followUp: 'WAITING' | 'DUE' | 'DONE';
  chased: boolean;
  escalated: boolean;
}
