import { Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { randomUUID } from 'node:crypto';
import { userActor } from '../common/actor';
import { asDate } from '../common/dates';
import { OocrSettings } from '../config/oocr-settings';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { DisposalValidation, validateDisposal } from './disposal-validation';
import { DisposalInput } from './disposal.input';
import { DisposalSummaryView, DisposalView, toDisposalView } from './disposal.view';
import {
  disposalRecord,
  nextDisposalReference,
  nextDisposalReferenceIn,
  RecordMeta,
  recordDisposal,
  recordDisposalIn,
} from './use-cases/record-disposal';

type Tx = Prisma.TransactionClient;

export type StoreMeta = RecordMeta;

export const DISPOSAL_INCLUDE = {
  offender: true,
  victims: true,
  review: {
    include: {
      referrals: { include: { actions: { orderBy: { seq: 'asc' } } }, orderBy: { referredAt: 'asc' } },
    },
  },
  caution: {
    include: {
      conditions: {
        include: {
          instalments: { orderBy: { number: 'asc' } },
          evidence: { orderBy: { recordedAt: 'asc' } },
        },
        orderBy: { seq: 'asc' },
      },
      breaches: { orderBy: { createdAt: 'asc' } },
      extensions: { orderBy: { recordedAt: 'asc' } },
    },
  },
} satisfies Prisma.DisposalInclude;

@Injectable()
export class DisposalsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly settings: OocrSettings,
  ) {}

  validate(input: DisposalInput, actor: string): DisposalValidation {
    return validateDisposal(input, {
      rules: this.settings.rules,
      districts: this.settings.districts,
      today: todayInLondon(),
      actor,
    });
  }

  /**
   * Records a disposal through the API: every rule must be met (400 naming each rule otherwise). One SQL statement
   * writes every row and the outbox event (use-cases/record-disposal.ts), after the reference from its sequence.
   */
  async create(
    input: DisposalInput,
    principal: Principal,
  ): Promise<{ id: string; reference: string; acknowledgedWarnings: string[] }> {
    const validation = this.validate(input, principal.subject);
    if (validation.violations.length) throw new RuleViolationError(validation.violations);
    const id = randomUUID();
    const reference = await nextDisposalReference(this.prisma.pool, input.issueDate);
    await recordDisposal(
      this.prisma.pool,
      disposalRecord(
        input,
        validation,
        {
          id,
          source: 'API',
          createdBy: principal.subject,
          actor: userActor(principal),
          correlationId: currentCorrelationId(),
        },
        reference,
        this.settings.rules.leapDayBirthday,
      ),
    );
    return { id, reference, acknowledgedWarnings: validation.acknowledgedWarnings.map((w) => w.rule) };
  }

  /**
   * Stores a disposal, its people, its review queue entry or caution, and the collection event, in the caller's
   * transaction (the field-app ingest's inbox transaction): the same statement as create(), run on `tx`. Field-app
   * records arrive here with their rule problems in `validation` (kept for the review).
   */
  async store(
    tx: Tx,
    input: DisposalInput,
    validation: DisposalValidation,
    meta: StoreMeta,
  ): Promise<string> {
    const reference = await nextDisposalReferenceIn(tx, input.issueDate);
    await recordDisposalIn(
      tx,
      disposalRecord(input, validation, meta, reference, this.settings.rules.leapDayBirthday),
    );
    return reference;
  }

  async get(id: string): Promise<DisposalView> {
    const d = await this.prisma.disposal.findUnique({ where: { id }, include: DISPOSAL_INCLUDE });
    if (!d) throw new NotFoundError('Disposal', id);
    return toDisposalView(d, this.settings.rules);
  }

  /** Summaries without personal data, newest first. */
  async list(q: {
    disposalType?: string;
    district?: string;
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  }): Promise<DisposalSummaryView[]> {
    const rows = await this.prisma.disposal.findMany({
      where: {
        ...(q.disposalType ? { disposalType: q.disposalType } : {}),
        ...(q.district ? { district: q.district } : {}),
        ...(q.from || q.to
          ? {
              issueDate: {
                ...(q.from ? { gte: asDate(q.from) } : {}),
                ...(q.to ? { lte: asDate(q.to) } : {}),
              },
            }
          : {}),
      },
      include: {
        review: { select: { status: true } },
        caution: { select: { status: true, completionDueDate: true } },
      },
      orderBy: [{ issueDate: 'desc' }, { reference: 'desc' }],
      take: q.limit ?? 50,
      skip: q.offset ?? 0,
    });
    return rows.map((d) => ({
      id: d.id,
      reference: d.reference,
      disposalType: d.disposalType,
      district: d.district,
      issueDate: d.issueDate.toISOString().slice(0, 10),
      offenceCode: d.offenceCode,
      offenceGroup: d.offenceGroup,
      reviewStatus: d.review?.status ?? null,
      cautionStatus: d.caution?.status ?? null,
      completionDueDate: d.caution ? d.caution.completionDueDate.toISOString().slice(0, 10) : null,
      hasValidationIssues: Array.isArray(d.validationIssues) && d.validationIssues.length > 0,
    }));
  }
}
