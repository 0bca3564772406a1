// Scratch databases with many seeded reviews, for the query benchmark (queues-reports.bench.int-spec.ts)
// and the HTTP benchmark (tools/bench/complaint-reviews-bench.ts). Nothing here touches the shared
// complaint_reviews database: each run creates, migrates, seeds and drops a database of its own.
import { databaseUrl, freshDatabase, REPO_ROOT } from '@oversight/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty complaint-reviews database; `drop()` removes it (also with connections open). */
export async function createScratchDatabase(prefix = 'complaint_reviews_bench'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const url = await freshDatabase(name);
  const drop = async () => {
    const admin = new Client({ connectionString: databaseUrl('postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  try {
    execFileSync(
      'npx',
      ['prisma', 'migrate', 'deploy', '--config', 'apps/complaint-reviews/prisma.config.ts'],
      { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' },
    );
  } catch (err) {
    await drop();
    const out = (err as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`migrating ${name} failed: ${out.split('\n').slice(-15).join('\n')}`);
  }
  return { name, url, drop };
}

/** The teams and reviewers the seeded cases belong to; the first reviewer of east and west are demo users. */
export const SEED_TEAMS: Record<string, string[]> = {
  'opcc-reviews-east': ['reviewer.amara', ...others('east')],
  'opcc-reviews-west': ['reviewer.tom', ...others('west')],
  'opcc-reviews-north': ['reviewer.north-1', ...others('north')],
  'opcc-reviews-south': ['reviewer.south-1', ...others('south')],
};

function others(team: string): string[] {
  return [2, 3, 4, 5, 6].map((i) => `reviewer.${team}-${i}`);
}

export interface SeedSummary {
  reviews: number;
  /** Days between the oldest and the newest receipt (the newest is today). */
  spanDays: number;
  byStatus: Record<string, number>;
  open: number;
  openUnassigned: number;
  openOverdue: number;
  openOnHold: number;
  /** Open reviews assigned to each demo reviewer, and open reviews in each demo user's team. */
  openAssignedTo: Record<string, number>;
  openInTeam: Record<string, number>;
  rows: Record<string, number>;
}

/**
 * Seeds `reviews` reviews received evenly over the last `spanDays` days (default three years, so a year
 * holds about a third of them: 33,000 a year for 100,000, some 130 times Kent's 255 a year), in SQL.
 *
 * Proportions: closed cases follow Kent's 2023/24 triage (domain.md 1.2.7: of 230, 173 decided — 35
 * upheld, 76 not upheld, 62 not upheld with feedback — 13 passed to the IOPC, 2 withdrawn, 15 out of
 * time, 26 insufficient information); how many are still open falls with age (almost all of the last
 * four weeks, a tail of stale ones), so the backlog has some overdue cases. Days to decide: 10 to 80
 * calendar days (mean 45, beside the 46/48-day benchmarks). Acknowledgement clocks for every case
 * (due after 7 calendar days, about 5 working days), completion clocks for cases under review or decided
 * (40 days, about 28 working days), information-request clocks for cases missing an item; decisions,
 * recommendations for upheld cases, decision-log entries and letters as the service writes them.
 * Deterministic: row g gets the same values in every run (hashes of g, not random()).
 */
export async function seedReviews(
  url: string,
  reviews: number,
  spanDays = 3 * 365 + 1,
): Promise<SeedSummary> {
  if (!Number.isInteger(reviews) || reviews < 1) throw new Error('reviews must be a positive integer');
  const teams = Object.keys(SEED_TEAMS);
  const reviewers = teams.map((t) => `ARRAY[${SEED_TEAMS[t].map((r) => `'${r}'`).join(', ')}]`);
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`
      -- u(k, g): a uniform number in [0, 1), the same for the same k and g in every run.
      CREATE FUNCTION pg_temp.u(k text, g int) RETURNS float8 IMMUTABLE LANGUAGE sql AS
        $$ SELECT (hashtextextended(k || ':' || g, 42) & 2147483647)::float8 / 2147483648 $$;

      CREATE TEMP TABLE s AS
      WITH base AS (
        SELECT g, md5('a' || g)::uuid AS id, md5('p' || g)::uuid AS person_id,
               current_date - ((g - 1)::bigint * ${spanDays} / ${reviews})::int AS received_on,
               1 + floor(pg_temp.u('team', g) * ${teams.length})::int AS team_no,
               pg_temp.u('open', g) AS u_open, pg_temp.u('kind', g) AS u_kind, pg_temp.u('dur', g) AS u_dur,
               pg_temp.u('who', g) AS u_who, pg_temp.u('hold', g) AS u_hold, pg_temp.u('ack', g) AS u_ack,
               pg_temp.u('late', g) AS u_late, pg_temp.u('chan', g) AS u_chan,
               pg_temp.u('assign', g) AS u_assign, pg_temp.u('handling', g) AS u_handling
        FROM generate_series(1, ${reviews}) g
      ), aged AS (
        SELECT *, current_date - received_on AS age,
               u_open < CASE WHEN current_date - received_on <= 28 THEN 0.95
                             WHEN current_date - received_on <= 40 THEN 0.6
                             WHEN current_date - received_on <= 56 THEN 0.25
                             WHEN current_date - received_on <= 90 THEN 0.1
                             WHEN current_date - received_on <= 180 THEN 0.03
                             ELSE 0.003 END AS open
        FROM base
      ), classified AS (
        SELECT *,
          CASE WHEN open THEN (CASE WHEN age <= 5 AND u_kind < 0.7 THEN 'RECEIVED' ELSE 'UNDER_REVIEW' END)
               WHEN u_kind < 173.0 / 230 THEN 'DECIDED'
               WHEN u_kind < 186.0 / 230 THEN 'PASSED_TO_IOPC'
               WHEN u_kind < 188.0 / 230 THEN 'WITHDRAWN'
               ELSE 'CLOSED' END AS status,
          CASE WHEN open OR u_kind < 188.0 / 230 THEN NULL
               WHEN u_kind < 203.0 / 230 THEN 'OUT_OF_TIME'
               ELSE 'INSUFFICIENT_INFORMATION' END AS closure_reason,
          -- among decided cases (u_kind < 173/230): 35 upheld, 76 not upheld, 62 with feedback
          CASE WHEN u_kind < 35.0 / 230 THEN 'UPHELD' WHEN u_kind < 111.0 / 230 THEN 'NOT_UPHELD'
               ELSE 'NOT_UPHELD_WITH_FEEDBACK' END AS outcome,
          received_on + least(10 + floor(u_dur * 71)::int, age) AS closed_on,
          CASE WHEN open AND u_hold < 0.03 THEN 'EXTENSION' WHEN open AND u_hold < 0.09 THEN 'INFORMATION' END AS hold,
          CASE team_no ${reviewers.map((r, i) => `WHEN ${i + 1} THEN (${r})[1 + floor(u_who * 6)::int]`).join(' ')} END AS reviewer
        FROM aged
      )
      SELECT *,
        -- most new cases wait in the unassigned queue; a few under review have lost their reviewer
        CASE WHEN status = 'RECEIVED' AND u_assign < 0.7 THEN NULL
             WHEN status = 'UNDER_REVIEW' AND u_assign < 0.08 THEN NULL ELSE reviewer END AS assignee,
        (ARRAY[${teams.map((t) => `'${t}'`).join(', ')}])[team_no] AS team,
        -- late applications: outcome information provided 35 days before receipt (7 days late)
        received_on - CASE WHEN hold = 'EXTENSION' OR closure_reason = 'OUT_OF_TIME' THEN 35
                           ELSE 1 + floor(u_late * 27)::int END AS outcome_information_on
      FROM classified;

      INSERT INTO person (id, full_name, email, contact_preference)
        SELECT person_id, 'Bench Person ' || g, 'bench.' || g || '@example.org', 'EMAIL' FROM s;

      INSERT INTO review_application (id, reference, team, restricted, status, channel, received_on,
          force_complaint_reference, complaint_date, handling, outcome_information_provided_on, grounds,
          complainant_id, created_by, created_at, updated_at, assigned_to, appropriate_authority,
          eligibility_route, time_limit_status, time_limit_deadline, days_late, timeliness, validity_missing,
          decided_on, outcome, forwarded_to_iopc_on, withdrawn_on, closure_reason, closed_on)
        SELECT id, 'CR-' || to_char(received_on, 'YYYY') || '-B' || lpad(g::text, 6, '0'), team,
          pg_temp.u('restricted', g) < 0.03, status::"ApplicationStatus",
          (CASE WHEN u_chan < 0.55 THEN 'EMAIL' WHEN u_chan < 0.8 THEN 'WEB_FORM' WHEN u_chan < 0.95 THEN 'POST' ELSE 'PHONE' END)::"ApplicationChannel",
          received_on, 'PSD/' || g, CASE WHEN hold = 'INFORMATION' THEN NULL ELSE received_on - 150 END,
          (CASE WHEN u_handling < 0.3 THEN 'INVESTIGATED' ELSE 'OTHERWISE_THAN_BY_INVESTIGATION' END)::"ComplaintHandling",
          outcome_information_on,
          'Seeded grounds for review ' || g, person_id, 'seed', received_on::timestamptz,
          CASE WHEN open THEN now() ELSE closed_on::timestamptz END,
          assignee, 'Chief Constable of Kent Police', 'REVIEW',
          CASE WHEN hold = 'EXTENSION' OR closure_reason = 'OUT_OF_TIME' THEN 'OUT_OF_TIME' ELSE 'IN_TIME' END,
          outcome_information_on + 28, greatest(received_on - outcome_information_on - 28, 0),
          CASE WHEN hold = 'EXTENSION' THEN 'OUT_OF_TIME_AWAITING_EXTENSION_DECISION'
               WHEN closure_reason = 'OUT_OF_TIME' THEN 'OUT_OF_TIME_REFUSED' ELSE 'IN_TIME' END,
          CASE WHEN hold = 'INFORMATION' THEN ARRAY['COMPLAINT_DATE'] ELSE ARRAY[]::text[] END,
          CASE WHEN status = 'DECIDED' THEN closed_on END,
          (CASE WHEN status = 'DECIDED' THEN outcome END)::"ReviewOutcome",
          CASE WHEN status = 'PASSED_TO_IOPC' THEN closed_on END,
          CASE WHEN status = 'WITHDRAWN' THEN closed_on END,
          closure_reason::"ClosureReason", CASE WHEN status = 'CLOSED' THEN closed_on END
        FROM s;

      INSERT INTO extension_decision (application_id, outcome, reasons, decided_by, decided_on)
        SELECT id, 'REFUSED', 'No special circumstances', reviewer, closed_on FROM s WHERE closure_reason = 'OUT_OF_TIME';

      INSERT INTO review_decision (application_id, outcome, rationale, feedback_to_psd, decided_by, decided_on)
        SELECT id, outcome::"ReviewOutcome", 'Seeded rationale',
          CASE WHEN outcome = 'NOT_UPHELD_WITH_FEEDBACK' THEN 'Seeded feedback' END, reviewer, closed_on
        FROM s WHERE status = 'DECIDED';

      INSERT INTO recommendation (id, application_id, kind, text, status, response_due_on, force_response, responded_on, response_recorded_by)
        SELECT md5('r' || n || ':' || g)::uuid, id,
          (ARRAY['APOLOGY', 'FURTHER_STEPS_TO_RESOLVE', 'LEARNING', 'PROCESS_CHANGE'])[1 + (g + n) % 4]::"RecommendationKind",
          'Seeded recommendation',
          (CASE WHEN closed_on + 56 < current_date AND u_ack < 0.85 THEN 'RESPONDED' ELSE 'AWAITING_FORCE_RESPONSE' END)::"RecommendationStatus",
          closed_on + 56,
          (CASE WHEN closed_on + 56 < current_date AND u_ack < 0.85 THEN (ARRAY['ACCEPTED', 'PARTLY_ACCEPTED', 'REJECTED'])[1 + g % 3] END)::"ForceResponse",
          CASE WHEN closed_on + 56 < current_date AND u_ack < 0.85 THEN closed_on + 30 END,
          CASE WHEN closed_on + 56 < current_date AND u_ack < 0.85 THEN reviewer END
        FROM s, generate_series(1, 2) n
        WHERE status = 'DECIDED' AND outcome = 'UPHELD' AND (n = 1 OR u_dur < 0.4);

      INSERT INTO review_clock (id, application_id, kind, status, due_on, workflow_id, started_at, met_at, breached_at)
        SELECT md5('ca' || g)::uuid, id, 'ACKNOWLEDGEMENT', st::"ClockStatus", received_on + 7, 'bench-ack-' || g,
          received_on::timestamptz, CASE WHEN st = 'MET' THEN (received_on + 2)::timestamptz END,
          CASE WHEN st = 'BREACHED' THEN (received_on + 8)::timestamptz END
        FROM (SELECT *, CASE WHEN status = 'RECEIVED' THEN (CASE WHEN received_on + 7 >= current_date THEN 'RUNNING' ELSE 'BREACHED' END)
                             WHEN u_ack < 0.93 THEN 'MET' ELSE 'BREACHED' END AS st FROM s) x;

      INSERT INTO review_clock (id, application_id, kind, status, due_on, workflow_id, started_at, met_at, breached_at)
        SELECT md5('cc' || g)::uuid, id, 'COMPLETION', st::"ClockStatus", received_on + 40, 'bench-completion-' || g,
          received_on::timestamptz, CASE WHEN st = 'MET' THEN closed_on::timestamptz END,
          CASE WHEN st = 'BREACHED' THEN (received_on + 41)::timestamptz END
        FROM (SELECT *, CASE WHEN status = 'UNDER_REVIEW' THEN (CASE WHEN received_on + 40 >= current_date THEN 'RUNNING' ELSE 'BREACHED' END)
                             WHEN closed_on <= received_on + 40 THEN 'MET' ELSE 'BREACHED' END AS st
              FROM s WHERE status IN ('UNDER_REVIEW', 'DECIDED')) x;

      INSERT INTO review_clock (id, application_id, kind, status, due_on, workflow_id, started_at, breached_at)
        SELECT md5('ci' || g)::uuid, id, 'INFORMATION_REQUEST',
          (CASE WHEN received_on + 20 >= current_date THEN 'RUNNING' ELSE 'BREACHED' END)::"ClockStatus",
          received_on + 20, 'bench-information-' || g, received_on::timestamptz,
          CASE WHEN received_on + 20 < current_date THEN (received_on + 21)::timestamptz END
        FROM s WHERE hold = 'INFORMATION';

      -- A few completion clocks stopped while the force's file is awaited (open stops), and past stops.
      INSERT INTO clock_stop (id, application_id, from_date, to_date, reason, stopped_by, restarted_by)
        SELECT md5('cs' || g)::uuid, id, received_on + 10,
          CASE WHEN status = 'UNDER_REVIEW' AND u_dur < 0.5 THEN NULL ELSE received_on + 20 END,
          'AWAITING_PSD_FILE', reviewer,
          CASE WHEN status = 'UNDER_REVIEW' AND u_dur < 0.5 THEN NULL ELSE reviewer END
        FROM s WHERE status IN ('UNDER_REVIEW', 'DECIDED') AND age > 10 AND u_late < 0.04;

      INSERT INTO decision_log_entry (id, application_id, action, actor, reason, occurred_at)
        SELECT md5('l' || n || ':' || g)::uuid, id, action, actor, NULL, at
        FROM s, LATERAL (VALUES
          (1, 'INTAKE_ASSESSED', 'seed', received_on::timestamptz),
          (2, 'CLAIMED', reviewer, (received_on + 1)::timestamptz),
          (3, CASE status WHEN 'DECIDED' THEN 'DECIDED' WHEN 'PASSED_TO_IOPC' THEN 'PASSED_TO_IOPC'
                          WHEN 'WITHDRAWN' THEN 'WITHDRAWN' WHEN 'CLOSED' THEN (CASE closure_reason
                            WHEN 'OUT_OF_TIME' THEN 'EXTENSION_REFUSED' ELSE 'CLOSED' END) END,
              reviewer, closed_on::timestamptz)
        ) AS e(n, action, actor, at)
        WHERE n = 1 OR (n = 2 AND assignee IS NOT NULL) OR (n = 3 AND NOT open);

      INSERT INTO letter (id, application_id, template_key, recipient_kind, channel, language, status, requested_at, sent_on)
        SELECT md5('la' || g)::uuid, id, 'complaint-review.acknowledgement', 'COMPLAINANT', 'EMAIL', 'ENGLISH',
          'SENT', (received_on + 2)::timestamptz, received_on + 2
        FROM s WHERE status <> 'RECEIVED';
      INSERT INTO letter (id, application_id, template_key, recipient_kind, channel, language, status, requested_at, sent_on)
        SELECT md5('lo' || g)::uuid, id, 'complaint-review.outcome-complainant', 'COMPLAINANT', 'EMAIL', 'ENGLISH',
          'SENT', closed_on::timestamptz, closed_on
        FROM s WHERE status = 'DECIDED';

      DROP TABLE s;`);
    // As autovacuum leaves a long-lived database: statistics, and visibility maps for index-only scans.
    await c.query(`VACUUM ANALYZE person, review_application, review_clock, review_decision, recommendation,
      extension_decision, decision_log_entry, letter, clock_stop`);
    return await summarise(c, reviews, spanDays);
  } finally {
    await c.end();
  }
}

async function summarise(c: Client, reviews: number, spanDays: number): Promise<SeedSummary> {
  const byStatus = Object.fromEntries(
    (
      await c.query<{ status: string; n: number }>(
        `SELECT status::text, count(*)::int AS n FROM review_application GROUP BY 1 ORDER BY 1`,
      )
    ).rows.map((r) => [r.status, r.n]),
  );
  const [open] = (
    await c.query(`
      SELECT count(*)::int AS open,
             (count(*) FILTER (WHERE a.assigned_to IS NULL))::int AS unassigned,
             (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM review_clock k WHERE k.application_id = a.id
                AND k.status IN ('RUNNING', 'BREACHED') AND k.due_on < current_date
                AND NOT (k.kind = 'COMPLETION' AND stopped.id IS NOT NULL))))::int AS overdue,
             (count(*) FILTER (WHERE a.timeliness = 'OUT_OF_TIME_AWAITING_EXTENSION_DECISION'
                OR cardinality(a.validity_missing) > 0 OR stopped.id IS NOT NULL))::int AS on_hold
      FROM review_application a
      LEFT JOIN clock_stop stopped ON stopped.application_id = a.id AND stopped.to_date IS NULL
      WHERE a.status IN ('RECEIVED', 'UNDER_REVIEW')`)
  ).rows;
  const perUser = (
    await c.query<{ who: string; kind: string; n: number }>(`
      SELECT assigned_to AS who, 'user' AS kind, count(*)::int AS n FROM review_application
        WHERE status IN ('RECEIVED', 'UNDER_REVIEW') AND assigned_to IN ('reviewer.amara', 'reviewer.tom') GROUP BY 1
      UNION ALL
      SELECT team, 'team', count(*)::int FROM review_application
        WHERE status IN ('RECEIVED', 'UNDER_REVIEW') AND team IN ('opcc-reviews-east', 'opcc-reviews-west') GROUP BY 1`)
  ).rows;
  const rows = (
    await c.query<{ t: string; n: number }>(`
      SELECT 'review_clock' AS t, count(*)::int AS n FROM review_clock
      UNION ALL SELECT 'review_decision', count(*)::int FROM review_decision
      UNION ALL SELECT 'recommendation', count(*)::int FROM recommendation
      UNION ALL SELECT 'decision_log_entry', count(*)::int FROM decision_log_entry
      UNION ALL SELECT 'letter', count(*)::int FROM letter
      UNION ALL SELECT 'clock_stop', count(*)::int FROM clock_stop`)
  ).rows;
  const pick = (kind: string) =>
    Object.fromEntries(perUser.filter((r) => r.kind === kind).map((r) => [r.who, r.n]));
  return {
    reviews,
    spanDays,
    byStatus,
    open: open.open,
    openUnassigned: open.unassigned,
    openOverdue: open.overdue,
    openOnHold: open.on_hold,
    openAssignedTo: pick('user'),
    openInTeam: pick('team'),
    rows: Object.fromEntries(rows.map((r) => [r.t, r.n])),
  };
}
