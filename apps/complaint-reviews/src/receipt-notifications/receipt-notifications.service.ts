import { Injectable } from '@nestjs/common';
import { Principal } from '@oversight/auth';
import {
  checkReceiptNotifications,
  type ReceiptNotificationProblem,
  type ReviewRulesConfig,
} from '@oversight/complaint-review-rules';
import { RuleViolationError } from '@oversight/domain-errors';
import { todayInLondon } from '@oversight/nest-platform';
import { randomUUID } from 'node:crypto';
import { loadCaseForUpdate, LoadedCase, updateCase } from '../applications/case-access';
import { ApplicationsService } from '../applications/applications.service';
import { reviewRulesSettings } from '../assessment/review-rules.settings';
import { ComplaintReviewsEnv } from '../config/complaint-reviews.env';
import { logChange } from '../decision-log/decision-log';
import { Prisma } from '../generated/prisma/client';
import { NotifiedPartyKind } from '../generated/prisma/enums';
import { PrismaService } from '../infrastructure/prisma.service';
import { canBeWrittenTo, LetterRecipient, longDate, requestLetter } from '../letters/letter-request';
import { NotifiedPartyDto, ReceiptNotificationsDto } from './receipt-notifications.dto';

type Tx = Prisma.TransactionClient;

/** Decision-log action when no individual is complained against; read back to settle later records. */
export const NO_PERSON_COMPLAINED_AGAINST = 'NO_PERSON_COMPLAINED_AGAINST';

/** Why the person is written to, in their language (the template's ((why_you)) paragraph). */
const WHY_YOU: Record<'INTERESTED_PERSON' | 'PERSON_COMPLAINED_AGAINST', { ENGLISH: string; WELSH: string }> =
  {
    INTERESTED_PERSON: {
      ENGLISH: 'You are entitled to be kept informed about this complaint.',
      WELSH: 'Mae gennych hawl i gael gwybod am hynt y gŵyn hon.',
    },
    PERSON_COMPLAINED_AGAINST: {
      ENGLISH: 'You are the person the complaint was made about.',
      WELSH: "Chi yw'r person y gwnaed y gŵyn amdano.",
    },
  };

export interface RecordedParty {
  id: string;
  kind: NotifiedPartyKind;
  decision: 'NOTIFIED' | 'WITHHELD';
  letterId: string | null;
}

/**
 * Telling the appropriate authority, the interested persons and the person complained against that a
 * review was applied for (domain.md 1.4.1 [P], 1.5.7). Each party is a row; each notification is a
 * letter through the notifications service (a disclosure in the audit trail), and each one withheld
 * is a decision-log entry with its ground and reasons. One transaction: a refused request sends and
 * records nothing.
 */
@Injectable()
export class ReceiptNotificationsService {
  private readonly rules: ReviewRulesConfig;

  constructor(
    private readonly prisma: PrismaService,
    private readonly applications: ApplicationsService,
    private readonly env: ComplaintReviewsEnv,
  ) {
    this.rules = reviewRulesSettings(env);
  }

  async record(id: string, dto: ReceiptNotificationsDto, principal: Principal) {
    return this.prisma.$transaction(async (tx) => {
      const app = await loadCaseForUpdate(tx, this.applications, id, principal, 'SEND_RECEIPT_NOTIFICATION');
      const parties = dto.parties.map((p) => this.withDefaults(p));
      const existing = await tx.notifiedParty.findMany({
        where: { applicationId: id },
        select: { kind: true },
      });
      const noneStated = await tx.decisionLogEntry.findFirst({
        where: { applicationId: id, action: NO_PERSON_COMPLAINED_AGAINST },
        select: { id: true },
      });
      const { problems } = checkReceiptNotifications(
        {
          entries: parties.map((p) => ({
            kind: p.kind,
            hasContactAddress: canBeWrittenTo(this.recipient(p)),
            withheld: p.withheld,
          })),
          noPersonComplainedAgainst: dto.noPersonComplainedAgainst,
          alreadyRecorded: {
            appropriateAuthority: existing.some((e) => e.kind === 'APPROPRIATE_AUTHORITY'),
            personComplainedAgainst:
              !!noneStated || existing.some((e) => e.kind === 'PERSON_COMPLAINED_AGAINST'),
          },
        },
        this.rules,
      );
      if (problems.length) throw new RuleViolationError(problems.map(violation));

      const today = todayInLondon();
      const recorded: RecordedParty[] = [];
      for (const party of parties) recorded.push(await this.recordParty(tx, app, party, principal, today));
      if (dto.noPersonComplainedAgainst)
        await logChange(tx, principal, {
          application: app,
          action: NO_PERSON_COMPLAINED_AGAINST,
          fromStatus: app.status,
          toStatus: app.status,
          reason: dto.noPersonComplainedAgainst.reason,
          effectiveOn: today,
          details: { rule: '1.4.1' },
        });
      await updateCase(tx, app, {});
      return { id, parties: recorded };
    });
  }

  private async recordParty(
    tx: Tx,
    app: LoadedCase,
    party: NotifiedPartyDto & { name: string },
    principal: Principal,
    today: string,
  ): Promise<RecordedParty> {
    const partyId = randomUUID();
    const recipient = this.recipient(party);
    let letterId: string | null = null;
    if (!party.withheld) {
      letterId =
        party.kind === 'APPROPRIATE_AUTHORITY'
          ? await requestLetter(tx, principal, {
              application: app,
              template: 'complaint-review.receipt-force',
              recipient,
              personalisation: {
                force_name: this.env.FORCE_NAME,
                force_reference: app.forceComplaintReference,
                reference: app.reference,
                received_on: longDate(day(app.receivedOn), recipient.language),
                contact_details: this.env.REVIEW_BODY_CONTACT_DETAILS,
                review_body_name: this.env.REVIEW_BODY_NAME,
              },
              why: 'Notifying the appropriate authority of an application for a review (PRA 2002 Sch 3 para 25)',
            })
          : await requestLetter(tx, principal, {
              application: app,
              template: 'complaint-review.receipt-notice',
              recipient,
              personalisation: {
                name: recipient.name,
                force_name: this.env.FORCE_NAME,
                force_reference: app.forceComplaintReference,
                reference: app.reference,
                received_on: longDate(day(app.receivedOn), recipient.language),
                why_you: WHY_YOU[party.kind][recipient.language],
                contact_details: this.env.REVIEW_BODY_CONTACT_DETAILS,
                review_body_name: this.env.REVIEW_BODY_NAME,
              },
              why:
                party.kind === 'PERSON_COMPLAINED_AGAINST'
                  ? 'Notifying the person complained against of an application for a review (PRA 2002 Sch 3 para 25)'
                  : 'Notifying an interested person of an application for a review (PRA 2002 s21, Sch 3 para 25)',
            });
    }
    await tx.notifiedParty.create({
      data: {
        id: partyId,
        applicationId: app.id,
        kind: party.kind,
        name: party.name,
        role: party.role,
        email: party.email,
        postalAddress: party.postalAddress,
        language: recipient.language,
        decision: party.withheld ? 'WITHHELD' : 'NOTIFIED',
        withheldGround: party.withheld?.ground,
        withheldReason: party.withheld?.reason,
        letterId,
        recordedBy: principal.subject,
      },
    });
    await logChange(tx, principal, {
      application: app,
      action: party.withheld ? 'NOTIFICATION_WITHHELD' : 'NOTIFIED_OF_APPLICATION',
      fromStatus: app.status,
      toStatus: app.status,
      reason: party.withheld ? `${party.withheld.ground}: ${party.withheld.reason}` : undefined,
      effectiveOn: today,
      details: { partyId, party: party.kind, letterId, rule: party.withheld ? '1.5.7 [U]' : '1.4.1 [P]' },
    });
    return { id: partyId, kind: party.kind, decision: party.withheld ? 'WITHHELD' : 'NOTIFIED', letterId };
  }

  /** The force's PSD from configuration unless the request names another address. */
  private withDefaults(p: NotifiedPartyDto): NotifiedPartyDto & { name: string } {
    if (p.kind !== 'APPROPRIATE_AUTHORITY') return { ...p, name: p.name! };
    return {
      ...p,
      name: p.name ?? `Professional Standards Department, ${this.env.FORCE_NAME}`,
      email: p.email ?? (p.postalAddress ? undefined : this.env.FORCE_PSD_EMAIL),
      language: p.language ?? 'ENGLISH',
    };
  }

  private recipient(p: NotifiedPartyDto): LetterRecipient {
    return {
      kind: p.kind === 'APPROPRIATE_AUTHORITY' ? 'FORCE' : p.kind,
      name: p.name ?? '',
      email: p.email,
      postalAddress: p.postalAddress,
      contactPreference: p.email ? 'EMAIL' : 'POST',
      language: p.language ?? 'ENGLISH',
    };
  }
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function violation(p: ReceiptNotificationProblem) {
  const field =
    p.entry === undefined
      ? p.code.startsWith('NO_PERSON') || p.code === 'PERSON_COMPLAINED_AGAINST_CONTRADICTION'
        ? 'noPersonComplainedAgainst'
        : 'parties'
      : p.code === 'CONTACT_ADDRESS_REQUIRED'
        ? `parties.${p.entry}.email`
        : `parties.${p.entry}.withheld`;
  return { rule: p.code, field, message: `${p.message} (${p.rule})` };
}
