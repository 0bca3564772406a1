import { Principal } from '@oversight/auth';
import { ActorKind, CautionChange } from '@oversight/contracts';
import { ConflictError, NotFoundError, RuleViolationError, Violation } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { isAfter, isBefore, type IsoDate } from '@oversight/oocr-rules';
import { randomUUID } from 'node:crypto';
import { userActor } from '../../common/actor';
import { asDate, day } from '../../common/dates';
import { CONDITION_EVIDENCED_SIGNAL, ConditionEvidencedSignal } from '../../workflows/caution.types';
import { RecordEvidenceDto } from '../dto/caution.dto';
import { CautionContext, Tx, CautionForChange, EvidenceFromProvider } from './caution.context';

export async function recordEvidence(
  ctx: CautionContext,
  cautionId: string,
  conditionId: string,
  dto: RecordEvidenceDto,
  principal: Principal,
): Promise<{ evidenceId: string }> {
  return ctx.prisma.$transaction(async (tx) => {
    const c = await ctx.lockForChange(tx, cautionId);
    const evidenceId = randomUUID();
    await addEvidence(ctx, tx, c, {
      evidenceId,
      conditionId,
      instalmentNumber: dto.instalmentNumber ?? null,
      source: 'STAFF',
      provider: null,
      reference: dto.reference,
      description: dto.description,
      completedOn: dto.completedOn,
      recordedBy: principal.subject,
      actor: userActor(principal),
      correlationId: currentCorrelationId(),
    });
    return { evidenceId };
  });
}

/** From a provider's event (in the consumer's inbox transaction). */
export async function recordProviderEvidence(
  ctx: CautionContext,
  tx: Tx,
  e: EvidenceFromProvider,
): Promise<void> {
  const c = await ctx.lockForChange(tx, await cautionOfCondition(ctx, tx, e.conditionId));
  if (c.disposal.reference !== e.cautionReference)
    throw new RuleViolationError([
      {
        rule: 'OOCR_EVIDENCE_REFERENCE_MISMATCH',
        field: 'cautionReference',
        message: `Condition ${e.conditionId} does not belong to caution ${e.cautionReference}.`,
      },
    ]);
  await addEvidence(ctx, tx, c, {
    ...e,
    source: 'PROVIDER',
    actor: { subject: e.recordedBy, kind: ActorKind.EXTERNAL_SYSTEM, roles: [] },
  });
}

export async function cautionOfCondition(ctx: CautionContext, tx: Tx, conditionId: string): Promise<string> {
  const condition = await tx.condition.findUnique({
    where: { id: conditionId },
    select: { cautionId: true },
  });
  if (!condition) throw new NotFoundError('Condition', conditionId);
  return condition.cautionId;
}

export async function addEvidence(
  ctx: CautionContext,
  tx: Tx,
  c: CautionForChange,
  e: {
    evidenceId: string;
    conditionId: string;
    instalmentNumber: number | null;
    source: 'STAFF' | 'PROVIDER';
    provider: string | null;
    reference: string;
    description?: string;
    completedOn: IsoDate;
    recordedBy: string;
    actor: { subject: string; kind: ActorKind; roles: string[]; team?: string };
    correlationId: string;
  },
): Promise<void> {
  const condition = c.conditions.find((x) => x.id === e.conditionId);
  if (!condition) throw new NotFoundError(`Condition of caution ${c.disposal.reference}`, e.conditionId);
  await ctx.assertTransition(tx, c, 'RECORD_EVIDENCE');
  const v: Violation[] = [];
  if (condition.instalments.length && e.instalmentNumber === null)
    v.push({
      rule: 'OOCR_INSTALMENT_REQUIRED',
      field: 'instalmentNumber',
      message: 'This condition is paid in instalments: say which instalment the evidence is for.',
    });
  if (!condition.instalments.length && e.instalmentNumber !== null)
    v.push({
      rule: 'OOCR_INSTALMENT_UNKNOWN',
      field: 'instalmentNumber',
      message: 'This condition has no payment plan.',
    });
  const instalment =
    e.instalmentNumber === null ? null : condition.instalments.find((i) => i.number === e.instalmentNumber);
  if (e.instalmentNumber !== null && condition.instalments.length && !instalment)
    v.push({
      rule: 'OOCR_INSTALMENT_UNKNOWN',
      field: 'instalmentNumber',
      message: `The payment plan has ${condition.instalments.length} instalments.`,
    });
  if (isAfter(e.completedOn, todayInLondon()))
    v.push({
      rule: 'OOCR_DATE_IN_FUTURE',
      field: 'completedOn',
      message: 'completedOn cannot be in the future.',
    });
  if (isBefore(e.completedOn, day(c.disposal.issueDate)))
    v.push({
      rule: 'OOCR_EVIDENCE_BEFORE_ISSUE',
      field: 'completedOn',
      message: 'A condition cannot be completed before the caution was issued.',
    });
  if (v.length) throw new RuleViolationError(v);
  const status = instalment ? instalment.status : condition.status;
  if (status !== 'PENDING' && status !== 'MISSED')
    throw new ConflictError(`That ${instalment ? 'instalment' : 'condition'} is already ${status}`);
  // The status above is written back by the workflow a moment after the signal: evidence recorded in that gap
  // (a provider resending, an officer at the same time) is found here instead. The caution row is locked.
  const earlier = await tx.conditionEvidence.findFirst({
    where: { conditionId: e.conditionId, instalmentNumber: e.instalmentNumber },
    select: { reference: true },
  });
  if (earlier)
    throw new ConflictError(
      `That ${instalment ? 'instalment' : 'condition'} is already evidenced (${earlier.reference})`,
    );

  await tx.conditionEvidence.create({
    data: {
      id: e.evidenceId,
      conditionId: e.conditionId,
      instalmentNumber: e.instalmentNumber,
      source: e.source,
      provider: e.provider,
      reference: e.reference,
      description: e.description ?? null,
      completedOn: asDate(e.completedOn),
      recordedBy: e.recordedBy,
    },
  });
  await ctx.event(
    tx,
    c,
    CautionChange.CONDITION_EVIDENCED,
    `condition ${condition.seq}${e.instalmentNumber ? ` instalment ${e.instalmentNumber}` : ''} completed ${e.completedOn} (${e.source})`,
    e.actor,
    e.correlationId,
  );
  const signal: ConditionEvidencedSignal = {
    evidenceId: e.evidenceId,
    conditionId: e.conditionId,
    instalmentNumber: e.instalmentNumber,
    completedOn: e.completedOn,
  };
  await ctx.signal(c.disposalId, CONDITION_EVIDENCED_SIGNAL, signal);
}
