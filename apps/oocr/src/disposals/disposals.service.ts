import { Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import { ActorKind, buildEvent, DisposalSource, Processing, Topics } from '@oversight/contracts';
import { NotFoundError, RuleViolationError } from '@oversight/domain-errors';
import { appendToOutbox } from '@oversight/messaging';
import { todayInLondon } from '@oversight/nest-platform';
import { currentCorrelationId } from '@oversight/observability';
import { ageOnDate, isDisposalType, type IsoDate } from '@oversight/oocr-rules';
import { randomUUID } from 'node:crypto';
import { userActor } from '../common/actor';
import { asDate, asDateOrNull } from '../common/dates';
import { OocrSettings } from '../config/oocr-settings';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../infrastructure/prisma.service';
import { cautionWorkflowId } from '../workflows/caution.types';
import { DisposalValidation, validateDisposal } from './disposal-validation';
import { DisposalInput } from './disposal.input';
import { DisposalSummaryView, DisposalView, toDisposalView } from './disposal.view';

type Tx = Prisma.TransactionClient;

export interface StoreMeta {
  id: string;
  source: 'API' | 'FIELD_APP';
  createdBy: string;
  actor: { subject: string; kind: ActorKind; roles: string[]; team?: string };
  correlationId: string;
}

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

  /** Records a disposal through the API: every rule must be met (400 naming each rule otherwise). */
  async create(
    input: DisposalInput,
    principal: Principal,
  ): Promise<{ id: string; reference: string; acknowledgedWarnings: string[] }> {
    const validation = this.validate(input, principal.subject);
    if (validation.violations.length) throw new RuleViolationError(validation.violations);
    const id = randomUUID();
    const reference = await this.prisma.$transaction((tx) =>
      this.store(tx, input, validation, {
        id,
        source: 'API',
        createdBy: principal.subject,
        actor: userActor(principal),
        correlationId: currentCorrelationId(),
      }),
    );
    return { id, reference, acknowledgedWarnings: validation.acknowledgedWarnings.map((w) => w.rule) };
  }

  /**
   * Stores a disposal, its people, its review queue entry or caution, and the collection event, in the caller's
   * transaction. Field-app records arrive here with their rule problems in `validation` (kept for the review).
   */
  async store(
    tx: Tx,
    input: DisposalInput,
    validation: DisposalValidation,
    meta: StoreMeta,
  ): Promise<string> {
    if (!isDisposalType(input.disposalType) || !validation.typeRules)
      throw new Error(`store() needs a known disposal type, got ${input.disposalType}`);
    const typeRules = validation.typeRules;
    const [{ n }] = await tx.$queryRawUnsafe<Array<{ n: bigint }>>(
      `SELECT nextval('disposal_reference_seq') AS n`,
    );
    const reference = `OOCR-${input.issueDate.slice(0, 4)}-${String(n).padStart(6, '0')}`;
    const offenderId = randomUUID();
    const o = input.offender;
    await tx.offender.create({
      data: {
        id: offenderId,
        fullName: o.fullName,
        dateOfBirth: asDate(o.dateOfBirth),
        email: o.email || null,
        phone: o.phone || null,
        addressLines: o.addressLines ?? [],
      },
    });
    if (o.gender || o.ethnicity) {
      await tx.offenderSpecialCategory.create({
        data: { offenderId, gender: o.gender || null, ethnicity: o.ethnicity || null },
      });
    }
    const offence = input.offence;
    await tx.disposal.create({
      data: {
        id: meta.id,
        reference,
        source: meta.source,
        disposalType: input.disposalType,
        homeOfficeOutcomeCode: typeRules.homeOfficeOutcomeCode,
        outcomeGroup: typeRules.outcomeGroup,
        crimeReference: input.crimeReference || null,
        district: input.district,
        issueDate: asDate(input.issueDate),
        offenderId,
        ageAtIssue: ageOnDate(o.dateOfBirth, input.issueDate, this.settings.rules.leapDayBirthday),
        offenceCode: offence.code,
        offenceDescription: offence.description,
        offenceClass: offence.classification,
        offenceGroup: offence.offenceGroup,
        offenceDate: asDate(offence.offenceDate),
        domesticAbuse: offence.domesticAbuse ?? false,
        hateCrime: offence.hateCrime ?? false,
        issuingOfficerId: input.issuingOfficer.id,
        issuingOfficerName: input.issuingOfficer.name ?? null,
        authoriserId: input.authoriser?.id ?? null,
        authoriserName: input.authoriser?.name ?? null,
        authoriserRank: input.authoriser?.rank ?? null,
        authoriserDppAuthorised: input.authoriser?.dppAuthorised ?? false,
        admission: input.admission,
        evidenceSufficient: input.evidenceSufficientToCharge ?? false,
        breachWarningGiven: input.effectExplainedWithBreachWarning ?? false,
        signedConsentRef: input.signedConsent?.documentRef ?? null,
        signedConsentOn: asDateOrNull(input.signedConsent?.signedOn),
        appropriateAdultPresent: input.appropriateAdultPresent ?? false,
        yotReferredOn: asDateOrNull(input.yotReferral?.referredOn),
        yotRecommendation: input.yotReferral?.recommendation ?? null,
        prosecutorDecisionRef: input.prosecutorDecision?.reference ?? null,
        prosecutorDecisionOn: asDateOrNull(input.prosecutorDecision?.decidedOn),
        agreedActions: input.agreedActions ?? [],
        acknowledgedWarnings: validation.acknowledgedWarnings as unknown as Prisma.InputJsonValue,
        validationIssues: validation.violations as unknown as Prisma.InputJsonValue,
        createdBy: meta.createdBy,
      },
    });
    if (input.victims?.length) {
      await tx.victim.createMany({
        data: input.victims.map((v) => ({
          id: randomUUID(),
          disposalId: meta.id,
          name: v.name ?? null,
          email: v.email ?? null,
          phone: v.phone ?? null,
          wantsUpdates: v.wantsUpdates ?? false,
          viewsSoughtOn: asDate(v.views.soughtOn),
          viewsMethod: v.views.method,
          viewsOutcome: v.views.outcome,
          views: v.views.views ?? null,
          requestedAction: v.views.requestedAction ?? null,
          requestedActionAttached: v.views.requestedActionAttached ?? null,
          notAttachedReason: v.views.notAttachedReason ?? null,
          agreement: v.views.agreement ?? null,
          overrideReason: v.views.overrideReason ?? null,
        })),
      });
    }
    // Every new community resolution enters the CJ Operations review queue (Part 1; domain.md 2.6.8).
    if (input.disposalType === 'COMMUNITY_RESOLUTION') {
      await tx.resolutionReview.create({ data: { id: randomUUID(), disposalId: meta.id } });
    }
    if (typeRules.completion && validation.completionDueDate) {
      await this.storeCaution(tx, meta.id, input, validation.completionDueDate);
    }
    const event = buildEvent(
      Topics.disposalRecorded,
      {
        aggregateId: meta.id,
        actor: meta.actor,
        correlationId: meta.correlationId,
        processing: Processing.COLLECTION,
      },
      {
        disposalId: meta.id,
        reference,
        disposalType: input.disposalType,
        source: meta.source === 'API' ? DisposalSource.API : DisposalSource.FIELD_APP,
        district: input.district,
        issuedOn: input.issueDate,
        offenderPersonId: offenderId,
        hasCompletionClock: Boolean(typeRules.completion),
      },
    );
    await appendToOutbox(tx, Topics.disposalRecorded, event);
    return reference;
  }

  private async storeCaution(
    tx: Tx,
    disposalId: string,
    input: DisposalInput,
    completionDueDate: IsoDate,
  ): Promise<void> {
    await tx.caution.create({
      data: {
        disposalId,
        workflowId: cautionWorkflowId(disposalId),
        originalCompletionDue: asDate(completionDueDate),
        completionDueDate: asDate(completionDueDate),
        extensionReason: input.exceptionalReason ?? null,
      },
    });
    let seq = 0;
    for (const c of input.conditions ?? []) {
      const conditionId = randomUUID();
      await tx.condition.create({
        data: {
          id: conditionId,
          cautionId: disposalId,
          seq: ++seq,
          purpose: c.purpose,
          kind: c.kind,
          description: c.description,
          hours: c.hours ?? null,
          amountPence: c.amountPence ?? null,
          supportsPurpose: c.supportsPurpose ?? null,
          provider: c.provider ?? null,
          dueDate: asDate(c.dueDate),
        },
      });
      if (c.instalments?.length) {
        await tx.instalment.createMany({
          data: c.instalments.map((x, i) => ({
            conditionId,
            number: i + 1,
            dueDate: asDate(x.dueDate),
            amountPence: x.amountPence,
          })),
        });
      }
    }
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
