import { ActorKind, buildEvent, DisposalSource, Processing, Topics } from '@oversight/contracts';
import { OUTBOX_INSERT_COLUMNS, OUTBOX_NOTIFY_SQL, outboxRow, OutboxRowValues } from '@oversight/messaging';
import { ageOnDate, isDisposalType, type IsoDate } from '@oversight/oocr-rules';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Prisma } from '../../generated/prisma/client';
import { cautionWorkflowId } from '../../workflows/caution.types';
import type { DisposalValidation } from '../disposal-validation';
import type { DisposalInput } from '../disposal.input';

/**
 * Recording a disposal (POST /api/oocr/disposals, and a field-app community resolution taken in) as ONE SQL
 * statement: the offender, their special-category data, the disposal, its victims, the CJ Ops review queue entry (a
 * community resolution) or the caution with its conditions and instalments (a conditional caution), and the outbox
 * row of `oocr.disposal-recorded.v1`, in data-modifying CTEs, with the relay's wake-up (NOTIFY, delivered at commit).
 * One statement is one transaction: every row commits or none does (a foreign-key, check or unique violation
 * anywhere, the outbox row's primary key included, writes nothing), so the outbox guarantee holds without an
 * interactive transaction. Foreign keys between the CTEs' rows are checked at the end of the statement, when all of
 * them exist.
 *
 * Why not Prisma here: the same write through Prisma's interactive transaction took 8–11 round trips (BEGIN, the
 * reference, offender, special category, disposal, victims, review or caution, one insert per condition and per
 * instalment plan, the outbox row, COMMIT), each through its query compiler, and held a pooled connection across all
 * of them: in a 16-at-a-time caution burst reads queued behind writes for a connection and some writes failed with
 * P2028 (the interactive transaction's limit passed). Measured in apps/oocr/README.md "Benchmark". Prisma stays for
 * every other write; this file must follow prisma/schema.prisma when these tables change (the integration test
 * `test/record-disposal.int-spec.ts` reads the rows back through the API).
 *
 * Lists (victims, conditions, instalments, text arrays) go as JSON parameters (jsonb_to_recordset): plain text
 * parameters, so the same statement runs on the pg pool (a named statement) and, for the field-app ingest, inside
 * the inbox consumer's Prisma transaction.
 */

type Tx = Prisma.TransactionClient;

/** Calendar days are YYYY-MM-DD; JSON columns and lists are JSON text. */
export interface DisposalRecord {
  id: string;
  reference: string;
  source: 'API' | 'FIELD_APP';
  offender: {
    id: string;
    fullName: string;
    dateOfBirth: IsoDate;
    email: string | null;
    phone: string | null;
    /** JSON array of strings. */
    addressLines: string;
    gender: string | null;
    ethnicity: string | null;
  };
  disposal: {
    disposalType: string;
    homeOfficeOutcomeCode: number | null;
    outcomeGroup: string;
    crimeReference: string | null;
    district: string;
    issueDate: IsoDate;
    ageAtIssue: number;
    offenceCode: string;
    offenceDescription: string;
    offenceClass: string;
    offenceGroup: string;
    offenceDate: IsoDate;
    domesticAbuse: boolean;
    hateCrime: boolean;
    issuingOfficerId: string;
    issuingOfficerName: string | null;
    authoriserId: string | null;
    authoriserName: string | null;
    authoriserRank: string | null;
    authoriserDppAuthorised: boolean;
    admission: string;
    evidenceSufficient: boolean;
    breachWarningGiven: boolean;
    signedConsentRef: string | null;
    signedConsentOn: IsoDate | null;
    appropriateAdultPresent: boolean;
    yotReferredOn: IsoDate | null;
    yotRecommendation: string | null;
    prosecutorDecisionRef: string | null;
    prosecutorDecisionOn: IsoDate | null;
    /** JSON array of strings. */
    agreedActions: string;
    acknowledgedWarnings: string;
    validationIssues: string;
    createdBy: string;
  };
  /** JSON array of victim rows (snake_case keys, as jsonb_to_recordset reads them). */
  victims: string;
  /** The review queue entry's id (a community resolution), else null. */
  reviewId: string | null;
  /** The caution (a conditional caution), else null; its conditions and instalments as JSON rows. */
  caution: {
    workflowId: string;
    completionDueDate: IsoDate;
    extensionReason: string | null;
    conditions: string;
    instalments: string;
  } | null;
  outbox: OutboxRowValues;
}

export interface RecordMeta {
  id: string;
  source: 'API' | 'FIELD_APP';
  createdBy: string;
  actor: { subject: string; kind: ActorKind; roles: string[]; team?: string };
  correlationId: string;
}

/** The disposal reference, OOCR-<issue year>-<6 digits> (a sequence: unique, gaps possible). */
export const disposalReference = (issueDate: IsoDate, n: string | bigint): string =>
  `OOCR-${issueDate.slice(0, 4)}-${String(n).padStart(6, '0')}`;

const NEXT_REFERENCE_SQL = `SELECT nextval('disposal_reference_seq')::text AS n`;

/** The next disposal reference, from the pool (before the statement; a sequence is not transactional anyway). */
export async function nextDisposalReference(pool: Pool, issueDate: IsoDate): Promise<string> {
  const { rows } = await pool.query<{ n: string }>({
    name: 'oocr.next-disposal-reference',
    text: NEXT_REFERENCE_SQL,
  });
  return disposalReference(issueDate, rows[0].n);
}

/** The next disposal reference, inside a Prisma transaction. */
export async function nextDisposalReferenceIn(tx: Tx, issueDate: IsoDate): Promise<string> {
  const [{ n }] = await tx.$queryRawUnsafe<Array<{ n: string }>>(NEXT_REFERENCE_SQL);
  return disposalReference(issueDate, n);
}

/**
 * Every row of a disposal, from its input and validation (the values the Prisma write stored before), and the
 * `oocr.disposal-recorded.v1` event. Conditions and instalments are written only with a caution, as before.
 */
export function disposalRecord(
  input: DisposalInput,
  validation: DisposalValidation,
  meta: RecordMeta,
  reference: string,
  leapDayBirthday: Parameters<typeof ageOnDate>[2],
): DisposalRecord {
  if (!isDisposalType(input.disposalType) || !validation.typeRules)
    throw new Error(`a disposal record needs a known disposal type, got ${input.disposalType}`);
  const typeRules = validation.typeRules;
  const o = input.offender;
  const offence = input.offence;
  const offenderId = randomUUID();
  const withCaution = Boolean(typeRules.completion && validation.completionDueDate);
  const conditions: Array<Record<string, unknown>> = [];
  const instalments: Array<Record<string, unknown>> = [];
  if (withCaution) {
    (input.conditions ?? []).forEach((c, i) => {
      const conditionId = randomUUID();
      conditions.push({
        id: conditionId,
        seq: i + 1,
        purpose: c.purpose,
        kind: c.kind,
        description: c.description,
        hours: c.hours ?? null,
        amount_pence: c.amountPence ?? null,
        supports_purpose: c.supportsPurpose ?? null,
        provider: c.provider ?? null,
        due_date: c.dueDate,
      });
      (c.instalments ?? []).forEach((x, j) =>
        instalments.push({
          condition_id: conditionId,
          number: j + 1,
          due_date: x.dueDate,
          amount_pence: x.amountPence,
        }),
      );
    });
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
  return {
    id: meta.id,
    reference,
    source: meta.source,
    offender: {
      id: offenderId,
      fullName: o.fullName,
      dateOfBirth: o.dateOfBirth,
      email: o.email || null,
      phone: o.phone || null,
      addressLines: JSON.stringify(o.addressLines ?? []),
      gender: o.gender || null,
      ethnicity: o.ethnicity || null,
    },
    disposal: {
      disposalType: input.disposalType,
      homeOfficeOutcomeCode: typeRules.homeOfficeOutcomeCode ?? null,
      outcomeGroup: typeRules.outcomeGroup,
      crimeReference: input.crimeReference || null,
      district: input.district,
      issueDate: input.issueDate,
      ageAtIssue: ageOnDate(o.dateOfBirth, input.issueDate, leapDayBirthday),
      offenceCode: offence.code,
      offenceDescription: offence.description,
      offenceClass: offence.classification,
      offenceGroup: offence.offenceGroup,
      offenceDate: offence.offenceDate,
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
      signedConsentOn: input.signedConsent?.signedOn || null,
      appropriateAdultPresent: input.appropriateAdultPresent ?? false,
      yotReferredOn: input.yotReferral?.referredOn || null,
      yotRecommendation: input.yotReferral?.recommendation ?? null,
      prosecutorDecisionRef: input.prosecutorDecision?.reference ?? null,
      prosecutorDecisionOn: input.prosecutorDecision?.decidedOn || null,
      agreedActions: JSON.stringify(input.agreedActions ?? []),
      acknowledgedWarnings: JSON.stringify(validation.acknowledgedWarnings),
      validationIssues: JSON.stringify(validation.violations),
      createdBy: meta.createdBy,
    },
    victims: JSON.stringify(
      (input.victims ?? []).map((v) => ({
        id: randomUUID(),
        name: v.name ?? null,
        email: v.email ?? null,
        phone: v.phone ?? null,
        wants_updates: v.wantsUpdates ?? false,
        views_sought_on: v.views.soughtOn,
        views_method: v.views.method,
        views_outcome: v.views.outcome,
        views: v.views.views ?? null,
        requested_action: v.views.requestedAction ?? null,
        requested_action_attached: v.views.requestedActionAttached ?? null,
        not_attached_reason: v.views.notAttachedReason ?? null,
        agreement: v.views.agreement ?? null,
        override_reason: v.views.overrideReason ?? null,
      })),
    ),
    // Every new community resolution enters the CJ Operations review queue (Part 1; domain.md 2.6.8).
    reviewId: input.disposalType === 'COMMUNITY_RESOLUTION' ? randomUUID() : null,
    caution: withCaution
      ? {
          workflowId: cautionWorkflowId(meta.id),
          completionDueDate: validation.completionDueDate!,
          extensionReason: input.exceptionalReason ?? null,
          conditions: JSON.stringify(conditions),
          instalments: JSON.stringify(instalments),
        }
      : null,
    outbox: outboxRow(Topics.disposalRecorded, event),
  };
}

export const RECORD_DISPOSAL_SQL = `
WITH offender AS (
  INSERT INTO offender (id, full_name, date_of_birth, email, phone, address_lines)
  VALUES ($1::uuid, $2::text, $3::date, $4::text, $5::text, ARRAY(SELECT jsonb_array_elements_text($6::jsonb)))
), special_category AS (
  INSERT INTO offender_special_category (offender_id, gender, ethnicity)
  SELECT $1::uuid, $7::text, $8::text WHERE $7::text IS NOT NULL OR $8::text IS NOT NULL
), disposal AS (
  INSERT INTO disposal (
    id, reference, source, disposal_type, home_office_outcome_code, outcome_group, crime_reference, district,
    issue_date, offender_id, age_at_issue, offence_code, offence_description, offence_class, offence_group,
    offence_date, domestic_abuse, hate_crime, issuing_officer_id, issuing_officer_name, authoriser_id,
    authoriser_name, authoriser_rank, authoriser_dpp_authorised, admission, evidence_sufficient,
    breach_warning_given, signed_consent_ref, signed_consent_on, appropriate_adult_present, yot_referred_on,
    yot_recommendation, prosecutor_decision_ref, prosecutor_decision_on, agreed_actions, acknowledged_warnings,
    validation_issues, created_by, updated_at)
  VALUES (
    $9::uuid, $10::text, $11::text, $12::text, $13::int, $14::text, $15::text, $16::text,
    $17::date, $1::uuid, $18::int, $19::text, $20::text, $21::text, $22::text,
    $23::date, $24::boolean, $25::boolean, $26::text, $27::text, $28::text,
    $29::text, $30::text, $31::boolean, $32::text, $33::boolean,
    $34::boolean, $35::text, $36::date, $37::boolean, $38::date,
    $39::text, $40::text, $41::date, ARRAY(SELECT jsonb_array_elements_text($42::jsonb)), $43::jsonb,
    $44::jsonb, $45::text, now())
), victims AS (
  INSERT INTO victim (
    id, disposal_id, name, email, phone, wants_updates, views_sought_on, views_method, views_outcome, views,
    requested_action, requested_action_attached, not_attached_reason, agreement, override_reason)
  SELECT v.id, $9::uuid, v.name, v.email, v.phone, v.wants_updates, v.views_sought_on, v.views_method,
         v.views_outcome, v.views, v.requested_action, v.requested_action_attached, v.not_attached_reason,
         v.agreement, v.override_reason
    FROM jsonb_to_recordset($46::jsonb) AS v(
      id uuid, name text, email text, phone text, wants_updates boolean, views_sought_on date, views_method text,
      views_outcome text, views text, requested_action text, requested_action_attached boolean,
      not_attached_reason text, agreement text, override_reason text)
), review AS (
  INSERT INTO resolution_review (id, disposal_id) SELECT $47::uuid, $9::uuid WHERE $47::uuid IS NOT NULL
), caution AS (
  INSERT INTO caution (disposal_id, workflow_id, original_completion_due, completion_due_date, extension_reason,
                       updated_at)
  SELECT $9::uuid, $48::text, $49::date, $49::date, $50::text, now() WHERE $48::text IS NOT NULL
), conditions AS (
  INSERT INTO condition (id, caution_id, seq, purpose, kind, description, hours, amount_pence, supports_purpose,
                         provider, due_date)
  SELECT c.id, $9::uuid, c.seq, c.purpose, c.kind, c.description, c.hours, c.amount_pence, c.supports_purpose,
         c.provider, c.due_date
    FROM jsonb_to_recordset($51::jsonb) AS c(
      id uuid, seq int, purpose text, kind text, description text, hours numeric, amount_pence int,
      supports_purpose text, provider text, due_date date)
), instalments AS (
  INSERT INTO instalment (condition_id, number, due_date, amount_pence)
  SELECT i.condition_id, i.number, i.due_date, i.amount_pence
    FROM jsonb_to_recordset($52::jsonb) AS i(condition_id uuid, number int, due_date date, amount_pence int)
), outbox AS (
  INSERT INTO outbox_message ${OUTBOX_INSERT_COLUMNS} VALUES ($53::uuid, $54, $55, $56, $57::jsonb) RETURNING 1
)
${OUTBOX_NOTIFY_SQL} FROM outbox`;

/** The statement's parameters, in order ($1…$57). */
export function recordDisposalValues(r: DisposalRecord): unknown[] {
  const o = r.offender;
  const d = r.disposal;
  const c = r.caution;
  const e = r.outbox;
  return [
    o.id,
    o.fullName,
    o.dateOfBirth,
    o.email,
    o.phone,
    o.addressLines,
    o.gender,
    o.ethnicity,
    r.id,
    r.reference,
    r.source,
    d.disposalType,
    d.homeOfficeOutcomeCode,
    d.outcomeGroup,
    d.crimeReference,
    d.district,
    d.issueDate,
    d.ageAtIssue,
    d.offenceCode,
    d.offenceDescription,
    d.offenceClass,
    d.offenceGroup,
    d.offenceDate,
    d.domesticAbuse,
    d.hateCrime,
    d.issuingOfficerId,
    d.issuingOfficerName,
    d.authoriserId,
    d.authoriserName,
    d.authoriserRank,
    d.authoriserDppAuthorised,
    d.admission,
    d.evidenceSufficient,
    d.breachWarningGiven,
    d.signedConsentRef,
    d.signedConsentOn,
    d.appropriateAdultPresent,
    d.yotReferredOn,
    d.yotRecommendation,
    d.prosecutorDecisionRef,
    d.prosecutorDecisionOn,
    d.agreedActions,
    d.acknowledgedWarnings,
    d.validationIssues,
    d.createdBy,
    r.victims,
    r.reviewId,
    c?.workflowId ?? null,
    c?.completionDueDate ?? null,
    c?.extensionReason ?? null,
    c?.conditions ?? '[]',
    c?.instalments ?? '[]',
    e.id,
    e.topic,
    e.messageKey,
    e.payload,
    e.headers,
  ];
}

/** Writes the whole disposal in one statement on the pool (the API path). */
export async function recordDisposal(pool: Pool, r: DisposalRecord): Promise<void> {
  await pool.query({
    // A named statement: parsed and planned once per connection. Behind PgBouncer in transaction mode this needs
    // PgBouncer >= 1.21 with max_prepared_statements > 0 (or session pooling).
    name: 'oocr.record-disposal',
    text: RECORD_DISPOSAL_SQL,
    values: recordDisposalValues(r),
  });
}

/** The same statement inside a caller's Prisma transaction (the field-app ingest, in its inbox transaction). */
export async function recordDisposalIn(tx: Tx, r: DisposalRecord): Promise<void> {
  await tx.$executeRawUnsafe(RECORD_DISPOSAL_SQL, ...recordDisposalValues(r));
}
