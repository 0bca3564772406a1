import { isDisposalType, type OocrRulesConfig } from '@oversight/oocr-rules';
import { day, dayOrNull } from '../common/dates';
import { Prisma } from '../generated/prisma/client';
import type { DISPOSAL_INCLUDE } from './disposals.service';

export interface DisposalSummaryView {
  id: string;
  reference: string;
  disposalType: string;
  district: string;
  issueDate: string;
  offenceCode: string;
  offenceGroup: string;
  reviewStatus: string | null;
  cautionStatus: string | null;
  completionDueDate: string | null;
  hasValidationIssues: boolean;
}

type DisposalRow = Prisma.DisposalGetPayload<{ include: typeof DISPOSAL_INCLUDE }>;
export type DisposalView = ReturnType<typeof toDisposalView>;

/**
 * The full record, for staff with a reason to read it (the gateway requires one and records the read). Gender and
 * ethnicity are never part of it: they have their own route (GET /disposals/:id/special-category).
 */
export function toDisposalView(d: DisposalRow, rules: OocrRulesConfig) {
  const label = isDisposalType(d.disposalType) ? rules.disposalTypes[d.disposalType].label : d.disposalType;
  return {
    id: d.id,
    reference: d.reference,
    source: d.source,
    disposalType: d.disposalType,
    disposalTypeLabel: label,
    homeOfficeOutcomeCode: d.homeOfficeOutcomeCode,
    outcomeGroup: d.outcomeGroup,
    crimeReference: d.crimeReference,
    district: d.district,
    issueDate: day(d.issueDate),
    offender: {
      id: d.offender.id,
      fullName: d.offender.fullName,
      dateOfBirth: day(d.offender.dateOfBirth),
      ageAtIssue: d.ageAtIssue,
      email: d.offender.email,
      phone: d.offender.phone,
      addressLines: d.offender.addressLines,
    },
    offence: {
      code: d.offenceCode,
      description: d.offenceDescription,
      classification: d.offenceClass,
      offenceGroup: d.offenceGroup,
      offenceDate: day(d.offenceDate),
      domesticAbuse: d.domesticAbuse,
      hateCrime: d.hateCrime,
    },
    issuingOfficer: { id: d.issuingOfficerId, name: d.issuingOfficerName },
    authoriser:
      d.authoriserId || d.authoriserRank
        ? {
            id: d.authoriserId,
            name: d.authoriserName,
            rank: d.authoriserRank,
            dppAuthorised: d.authoriserDppAuthorised,
          }
        : null,
    admission: d.admission,
    evidenceSufficientToCharge: d.evidenceSufficient,
    effectExplainedWithBreachWarning: d.breachWarningGiven,
    signedConsent: d.signedConsentRef
      ? { documentRef: d.signedConsentRef, signedOn: dayOrNull(d.signedConsentOn) }
      : null,
    appropriateAdultPresent: d.appropriateAdultPresent,
    yotReferral: d.yotReferredOn
      ? { referredOn: day(d.yotReferredOn), recommendation: d.yotRecommendation }
      : null,
    prosecutorDecision: d.prosecutorDecisionRef
      ? { reference: d.prosecutorDecisionRef, decidedOn: dayOrNull(d.prosecutorDecisionOn) }
      : null,
    agreedActions: d.agreedActions,
    acknowledgedWarnings: d.acknowledgedWarnings,
    validationIssues: d.validationIssues,
    victims: d.victims.map((v) => ({
      id: v.id,
      name: v.name,
      email: v.email,
      phone: v.phone,
      wantsUpdates: v.wantsUpdates,
      views: {
        soughtOn: day(v.viewsSoughtOn),
        method: v.viewsMethod,
        outcome: v.viewsOutcome,
        views: v.views,
        requestedAction: v.requestedAction,
        requestedActionAttached: v.requestedActionAttached,
        notAttachedReason: v.notAttachedReason,
        agreement: v.agreement,
        overrideReason: v.overrideReason,
      },
    })),
    review: d.review
      ? {
          id: d.review.id,
          status: d.review.status,
          queuedAt: d.review.queuedAt.toISOString(),
          assignedTo: d.review.assignedTo,
          outcome: d.review.outcome,
          outcomeBy: d.review.outcomeBy,
          outcomeAt: d.review.outcomeAt?.toISOString() ?? null,
          notes: d.review.notes,
          version: d.review.version,
          referrals: d.review.referrals.map((r) => ({
            id: r.id,
            officerId: r.officerId,
            dueOn: day(r.dueOn),
            status: r.status,
            remindersSent: r.remindersSent,
            actions: r.actions.map((a) => ({
              seq: a.seq,
              description: a.description,
              status: a.status,
              doneAt: a.doneAt?.toISOString() ?? null,
              doneBy: a.doneBy,
              doneNote: a.doneNote,
            })),
          })),
        }
      : null,
    caution: d.caution
      ? {
          status: d.caution.status,
          originalCompletionDue: day(d.caution.originalCompletionDue),
          completionDueDate: day(d.caution.completionDueDate),
          extensionReason: d.caution.extensionReason,
          timeLimitStatus: d.caution.timeLimitStatus,
          completedOn: dayOrNull(d.caution.completedOn),
          closedOn: dayOrNull(d.caution.closedOn),
          proceedingsStartedOn: dayOrNull(d.caution.proceedingsStartedOn),
          conditions: d.caution.conditions.map((c) => ({
            id: c.id,
            seq: c.seq,
            purpose: c.purpose,
            kind: c.kind,
            description: c.description,
            hours: c.hours === null ? null : Number(c.hours),
            amountPence: c.amountPence,
            supportsPurpose: c.supportsPurpose,
            provider: c.provider,
            dueDate: day(c.dueDate),
            status: c.status,
            completedOn: dayOrNull(c.completedOn),
            instalments: c.instalments.map((i) => ({
              number: i.number,
              dueDate: day(i.dueDate),
              amountPence: i.amountPence,
              status: i.status,
              paidOn: dayOrNull(i.paidOn),
            })),
            evidence: c.evidence.map((e) => ({
              id: e.id,
              instalmentNumber: e.instalmentNumber,
              source: e.source,
              provider: e.provider,
              reference: e.reference,
              completedOn: day(e.completedOn),
              recordedBy: e.recordedBy,
            })),
          })),
          breaches: d.caution.breaches.map((b) => ({
            id: b.id,
            detectedOn: day(b.detectedOn),
            missedItems: b.missedItems,
            status: b.status,
            reasonableExcuse: b.excuseOutcome
              ? {
                  outcome: b.excuseOutcome,
                  rationale: b.excuseRationale,
                  assessedOn: dayOrNull(b.excuseAssessedOn),
                  assessedBy: b.excuseAssessedBy,
                }
              : null,
            decision: b.decision
              ? {
                  type: b.decision,
                  decidedOn: dayOrNull(b.decidedOn),
                  decidedBy: b.decidedBy,
                  authoriserRank: b.authoriserRank,
                  signedDocumentRef: b.signedDocumentRef,
                  proceedingsStartedOn: dayOrNull(b.proceedingsStartedOn),
                }
              : null,
            history: b.history,
          })),
          extensions: d.caution.extensions.map((x) => ({
            previousDueDate: day(x.previousDueDate),
            newDueDate: day(x.newDueDate),
            exceptionalReason: x.exceptionalReason,
            authorisedBy: x.authorisedBy,
            authoriserRank: x.authoriserRank,
            breachId: x.breachId,
          })),
        }
      : null,
  };
}
