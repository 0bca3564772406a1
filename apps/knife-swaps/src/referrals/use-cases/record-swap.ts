import { Principal } from '@oversight/auth';
import { ConflictError, RuleViolationError } from '@oversight/domain-errors';
import { addDays, validateSwap } from '@oversight/knife-swap-rules';
import { randomUUID } from 'node:crypto';
import { asDate, day, refuseFutureDate } from '../../common/dates';
import { emit, Processing, Topics } from '../../common/events';
import { requestHouseholdNotification } from '../../common/notification-request';
import { moveStock } from '../../stores/stock.ledger';
import { swapWorkflowId } from '../../workflows/swap.types';
import { SwapDto } from '../referral.dto';
import { ReferralContext } from './referral.context';

/**
 * The swap (issue 12 §4): consent first (domain.md 3.3.5), kit out of the store's stock (never below zero),
 * knives sealed in a numbered bag whose custody starts here, the follow-up due date set, the householder's
 * confirmation letter requested. The workflow that chases destruction and the follow-up is started by this
 * service's consumer of the event committed here.
 */
export async function recordSwap(ctx: ReferralContext, id: string, dto: SwapDto, p: Principal) {
  refuseFutureDate(dto.swappedOn, 'swappedOn', 'A swap cannot be recorded for a future date.');
  const env = ctx.env;
  return ctx.change(id, p, 'RECORD_SWAP', Processing.COLLECTION, async (tx, r) => {
    const v = validateSwap(
      {
        consent:
          r.status === 'CONSENTED' && r.consentGiven
            ? { given: true, allPointedKnives: !!r.consentAllKnives }
            : null,
        kitType: dto.kitType,
        kitQuantity: dto.kitQuantity,
        knivesSurrendered: dto.knivesSurrendered,
        safetyAdvice: dto.safetyAdvice,
      },
      { maxKnivesPerSwap: env.SKRS_MAX_KNIVES_PER_SWAP, maxKitsPerSwap: env.SKRS_MAX_KITS_PER_SWAP },
    );
    if (r.consentOn && dto.swappedOn < day(r.consentOn))
      v.push({
        rule: 'SKRS_CONSENT_REQUIRED',
        field: 'swappedOn',
        message: `The swap cannot be before the consent (${day(r.consentOn)}).`,
      });
    if (v.length) throw new RuleViolationError(v);
    if (await tx.custodyBag.findUnique({ where: { bagNumber: dto.bagNumber } }))
      throw new ConflictError(
        `Bag ${dto.bagNumber} is already recorded for another swap: check the number on the seal`,
      );
    if (!(await tx.store.findUnique({ where: { id: dto.storeId }, select: { id: true } })))
      throw new RuleViolationError([
        { rule: 'SKRS_STORE_UNKNOWN', field: 'storeId', message: `There is no store ${dto.storeId}.` },
      ]);
    const swapId = randomUUID();
    const followUpDueOn = addDays(dto.swappedOn, env.SKRS_FOLLOW_UP_AFTER_DAYS);
    const destructionDueOn = addDays(dto.swappedOn, env.SKRS_DESTRUCTION_DUE_DAYS);
    await tx.swap.create({
      data: {
        id: swapId,
        referralId: r.id,
        swappedOn: asDate(dto.swappedOn),
        swappedBy: p.subject,
        storeId: dto.storeId,
        kitType: dto.kitType,
        kitQuantity: dto.kitQuantity,
        knivesSurrendered: dto.knivesSurrendered,
        safetyAdvice: dto.safetyAdvice,
        followUpDueOn: asDate(followUpDueOn),
        workflowId: swapWorkflowId(swapId),
      },
    });
    const bagId = randomUUID();
    await tx.custodyBag.create({
      data: {
        id: bagId,
        swapId,
        bagNumber: dto.bagNumber,
        status: 'SEALED',
        holder: p.subject,
        knifeCount: dto.knivesSurrendered,
        destructionDueOn: asDate(destructionDueOn),
      },
    });
    await tx.custodyEvent.create({
      data: {
        id: randomUUID(),
        bagId,
        action: 'SEAL',
        statusAfter: 'SEALED',
        holder: p.subject,
        recordedBy: p.subject,
      },
    });
    await emit(tx, Topics.knifeCustodyUpdated, bagId, p, Processing.NONE, {
      bagId,
      bagNumber: dto.bagNumber,
      swapId,
      referralId: r.id,
      status: 'SEALED',
      holder: p.subject,
      certificateRef: '',
      destructionDueOn,
      knifeCount: dto.knivesSurrendered,
    });
    await requestHouseholdNotification(tx, {
      key: `swap-confirmation:${swapId}`,
      templateKey: 'knife-swap.swap-confirmation',
      referral: r,
      personalisation: {
        name: r.householderName,
        swapped_on: dto.swappedOn,
        knives_surrendered: String(dto.knivesSurrendered),
        follow_up_due_on: followUpDueOn,
        contact_details: env.SKRS_CONTACT_DETAILS,
      },
      why: 'SKRS swap confirmation and safety advice to the householder',
    });
    // The kit leaves the store last, after the referral's own update (see ReferralContext.change): the store's
    // balance row stays locked from then to the commit, so swaps against one store queue on it for as short a
    // time as possible (an unknown store or too little stock still undoes everything).
    const issueKit = () =>
      moveStock(
        tx,
        { storeId: dto.storeId, kitType: dto.kitType, kind: 'ISSUE', quantity: dto.kitQuantity, swapId },
        p,
      );
    return { swapId, bagId, followUpDueOn, destructionDueOn, issueKit };
  });
}
