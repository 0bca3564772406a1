import { OUTBOX_INSERT_COLUMNS, OUTBOX_NOTIFY_SQL, OutboxRowValues } from '@oversight/messaging';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * The intake write (POST /applications, self-service too) as ONE SQL statement: the complainant, the
 * representative, the application with its assessment, its attachments, the first decision-log entry
 * and the outbox row of `complaints.review-application-received.v1`, in data-modifying CTEs, and the
 * relay's wake-up (NOTIFY, delivered at commit). One statement is one transaction: every row commits or
 * none does (a foreign-key, check or unique violation anywhere, the outbox row's primary key included,
 * writes nothing), so the outbox guarantee holds without an interactive transaction. Foreign keys
 * between the CTEs' rows are checked at the end of the statement, when all of them exist.
 *
 * Why not Prisma here: the same write through Prisma's interactive transaction took eight round trips
 * (BEGIN, sequence, four inserts, notify, COMMIT), each through its query compiler, and held a pooled
 * connection for all of them (under load, requests waited past the transaction's 2 s maxWait and failed
 * with P2028). Measured in apps/complaint-reviews/README.md "Cost of a write". Prisma stays for every
 * other write; this file must follow the schema (prisma/schema.prisma) when the tables change, and the
 * integration tests of intake read the rows back through the API.
 */

export interface IntakePerson {
  id: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  postalAddress?: string | null;
  contactPreference: string;
  language?: string | null;
}

export interface IntakeAttachment {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  description?: string | null;
}

/** Dates are calendar days written YYYY-MM-DD; JSON columns are JSON text. */
export interface IntakeRecord {
  id: string;
  reference: string;
  team: string;
  restricted: boolean;
  channel: string;
  receivedOn: string;
  forceComplaintReference: string;
  complaintDate?: string | null;
  handling: string;
  outcomeLetterDate?: string | null;
  outcomeInformationProvidedOn?: string | null;
  grounds: string;
  complainant: IntakePerson;
  representative?: (IntakePerson & { authority: string; authorityNote?: string | null }) | null;
  iopcInvestigation: string;
  appropriateAuthority?: string | null;
  inWriting: boolean;
  receivedByWrongBodyOn?: string | null;
  forwardedByWrongBodyOn?: string | null;
  eligibilityRoute: string;
  eligibilityGates: string;
  timeLimitStatus: string;
  timeLimitDeadline?: string | null;
  daysLate?: number | null;
  timeLimitAssessment: string;
  timeliness: string;
  validityMissing: string[];
  validityAssessment: string;
  createdBy: string;
  submittedBy?: string | null;
  attachments: IntakeAttachment[];
  decisionLog: { action: string; actor: string; reason: string; details: string };
  outbox: OutboxRowValues;
}

const INTAKE_SQL = `
WITH complainant AS (
  INSERT INTO person (id, full_name, email, phone, postal_address, contact_preference, language)
  VALUES ($1::uuid, $2, $3, $4, $5, $6::"ContactPreference", COALESCE($7::"Language", 'ENGLISH'))
), representative AS (
  INSERT INTO person (id, full_name, email, phone, postal_address, contact_preference, language)
  SELECT $8::uuid, $9, $10, $11, $12, $13::"ContactPreference", COALESCE($14::"Language", 'ENGLISH')
  WHERE $8::uuid IS NOT NULL
), application AS (
  INSERT INTO review_application (
    id, reference, team, restricted, channel, received_on, force_complaint_reference, complaint_date,
    handling, outcome_letter_date, outcome_information_provided_on, grounds, complainant_id,
    representative_id, representative_authority, representative_authority_note, iopc_investigation,
    appropriate_authority, in_writing, received_by_wrong_body_on, forwarded_by_wrong_body_on,
    eligibility_route, eligibility_gates, time_limit_status, time_limit_deadline, days_late,
    time_limit_assessment, timeliness, validity_missing, validity_assessment, created_by, submitted_by,
    updated_at)
  VALUES (
    $15::uuid, $16, $17, $18, $19::"ApplicationChannel", $20::date, $21, $22::date,
    $23::"ComplaintHandling", $24::date, $25::date, $26, $1::uuid,
    $8::uuid, $27::"RepresentativeAuthority", $28, $29::"IopcInvestigation",
    $30, $31, $32::date, $33::date,
    $34, $35::jsonb, $36, $37::date, $38::int,
    $39::jsonb, $40, $41::text[], $42::jsonb, $43, $44,
    now())
), attachments AS (
  INSERT INTO application_attachment (id, application_id, file_name, media_type, size_bytes, description)
  SELECT a.id, $15::uuid, a.file_name, a.media_type, a.size_bytes, a.description
    FROM unnest($45::uuid[], $46::text[], $47::text[], $48::int[], $49::text[])
      AS a(id, file_name, media_type, size_bytes, description)
), decision_log AS (
  INSERT INTO decision_log_entry (id, application_id, action, actor, reason, details)
  VALUES ($50::uuid, $15::uuid, $51, $52, $53, $54::jsonb)
), outbox AS (
  INSERT INTO outbox_message ${OUTBOX_INSERT_COLUMNS} VALUES ($55::uuid, $56, $57, $58, $59::jsonb) RETURNING 1
)
${OUTBOX_NOTIFY_SQL} FROM outbox`;

/** The next application reference, CR-<year received>-<6 digits> (a sequence: unique, gaps possible). */
export async function nextReference(pool: Pool, receivedOn: string): Promise<string> {
  const { rows } = await pool.query<{ n: string }>({
    name: 'complaint-reviews.next-reference',
    text: `SELECT nextval('review_reference_seq')::text AS n`,
  });
  return `CR-${receivedOn.slice(0, 4)}-${rows[0].n.padStart(6, '0')}`;
}

/** Writes the whole intake in one statement (see above). */
export async function recordIntake(pool: Pool, r: IntakeRecord): Promise<void> {
  const c = r.complainant;
  const rep = r.representative;
  const a = r.attachments;
  const o = r.outbox;
  await pool.query({
    // A named statement: parsed and planned once per connection (the raw-SQL rate roughly halves
    // without it: 514/s vs 982/s at concurrency 16). Behind PgBouncer in transaction mode this needs
    // PgBouncer >= 1.21 with max_prepared_statements > 0 (or session pooling).
    name: 'complaint-reviews.record-intake',
    text: INTAKE_SQL,
    values: [
      c.id,
      c.fullName,
      c.email ?? null,
      c.phone ?? null,
      c.postalAddress ?? null,
      c.contactPreference,
      c.language ?? null,
      rep?.id ?? null,
      rep?.fullName ?? null,
      rep?.email ?? null,
      rep?.phone ?? null,
      rep?.postalAddress ?? null,
      rep?.contactPreference ?? null,
      rep?.language ?? null,
      r.id,
      r.reference,
      r.team,
      r.restricted,
      r.channel,
      r.receivedOn,
      r.forceComplaintReference,
      r.complaintDate ?? null,
      r.handling,
      r.outcomeLetterDate ?? null,
      r.outcomeInformationProvidedOn ?? null,
      r.grounds,
      rep?.authority ?? null,
      rep?.authorityNote ?? null,
      r.iopcInvestigation,
      r.appropriateAuthority ?? null,
      r.inWriting,
      r.receivedByWrongBodyOn ?? null,
      r.forwardedByWrongBodyOn ?? null,
      r.eligibilityRoute,
      r.eligibilityGates,
      r.timeLimitStatus,
      r.timeLimitDeadline ?? null,
      r.daysLate ?? null,
      r.timeLimitAssessment,
      r.timeliness,
      r.validityMissing,
      r.validityAssessment,
      r.createdBy,
      r.submittedBy ?? null,
      a.map(() => randomUUID()),
      a.map((x) => x.fileName),
      a.map((x) => x.mediaType),
      a.map((x) => x.sizeBytes),
      a.map((x) => x.description ?? null),
      randomUUID(),
      r.decisionLog.action,
      r.decisionLog.actor,
      r.decisionLog.reason,
      r.decisionLog.details,
      o.id,
      o.topic,
      o.messageKey,
      o.payload,
      o.headers,
    ],
  });
}
