import { Injectable } from '@nestjs/common';
import { SqlClient } from '@oversight/messaging';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../infrastructure/prisma.service';
import { ChainedFields, chainHash, GENESIS_HASH, verifyRun, VerificationResult } from './hash-chain';

/** Any one fixed key: appends take it so the chain has one tail at a time. */
const CHAIN_LOCK_KEY = 0x0a0d17;

export interface EntryQuery {
  recordType?: string;
  recordId?: string;
  dataSubjectId?: string;
  actorSubject?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

@Injectable()
export class AuditTrailService {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Appends inside the caller's transaction (the consumer's inbox transaction, or a new one), in plain
   * SQL through the SqlClient port: it runs once per event in the platform, and Prisma's query
   * building was most of the audit consumer's CPU (issue 14 §5). The lock gives the chain one tail at
   * a time; the tail is read after the lock is held, in its own statement (a statement's snapshot is
   * taken when it starts, so reading the tail in the locking statement could miss an append that
   * committed while it waited).
   */
  async append(tx: SqlClient, fields: Omit<ChainedFields, 'id'> & { id?: string }): Promise<void> {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`);
    const last = await tx.$queryRawUnsafe<Array<{ hash: string }>>(
      'SELECT hash FROM audit_entry ORDER BY seq DESC LIMIT 1',
    );
    const full: ChainedFields = { ...fields, id: fields.id ?? randomUUID() };
    const prevHash = last[0]?.hash ?? GENESIS_HASH;
    await tx.$executeRawUnsafe(
      `INSERT INTO audit_entry (id, source_event_id, occurred_at, processing, actor_subject, actor_roles,
         actor_team, record_type, record_id, data_subject_id, justification, recipient, event_type,
         correlation_id, allowed, prev_hash, hash)
       VALUES ($1::uuid, $2::uuid, $3::timestamptz, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12, $13, $14,
         $15, $16, $17)`,
      full.id,
      full.sourceEventId,
      full.occurredAt,
      full.processing,
      full.actorSubject,
      full.actorRoles,
      full.actorTeam,
      full.recordType,
      full.recordId,
      full.dataSubjectId,
      full.justification,
      full.recipient,
      full.eventType,
      full.correlationId,
      full.allowed,
      prevHash,
      chainHash(prevHash, full),
    );
  }

  /**
   * Reading the log is itself logged: the query is appended (with the auditor and their reason)
   * in the same transaction that reads, so no read goes unrecorded.
   */
  async query(
    q: EntryQuery,
    auditor: { subject: string; roles: string[]; team?: string },
    justification: string,
    correlationId: string,
  ) {
    return this.prisma.$transaction(async (tx) => {
      await this.append(tx, {
        sourceEventId: null,
        occurredAt: new Date(),
        processing: 'CONSULTATION',
        actorSubject: auditor.subject,
        actorRoles: auditor.roles,
        actorTeam: auditor.team ?? null,
        recordType: 'audit-trail',
        recordId: describeQuery(q),
        dataSubjectId: q.dataSubjectId ?? null,
        justification,
        recipient: null,
        eventType: 'audit.trail-consulted',
        correlationId,
        allowed: true,
      });
      const rows = await tx.auditEntry.findMany({
        where: {
          ...(q.recordType ? { recordType: q.recordType } : {}),
          ...(q.recordId ? { recordId: q.recordId } : {}),
          ...(q.dataSubjectId ? { dataSubjectId: q.dataSubjectId } : {}),
          ...(q.actorSubject ? { actorSubject: q.actorSubject } : {}),
          ...(q.from || q.to
            ? { occurredAt: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lt: q.to } : {}) } }
            : {}),
        },
        orderBy: { seq: 'desc' },
        take: q.limit,
      });
      return rows.map(({ seq, ...r }) => ({ seq: String(seq), ...r }));
    });
  }

  /** Recomputes the chain from the start, in batches, and reports the first broken link. */
  async verify(batchSize = 5000): Promise<VerificationResult> {
    let prevHash = GENESIS_HASH;
    let after = BigInt(0);
    let checked = 0;
    for (;;) {
      const batch = await this.prisma.auditEntry.findMany({
        where: { seq: { gt: after } },
        orderBy: { seq: 'asc' },
        take: batchSize,
      });
      if (batch.length === 0) return { ok: true, checked };
      const r = verifyRun(prevHash, batch);
      checked += r.checked;
      if (!r.ok) return { ok: false, checked, firstBrokenSeq: r.firstBrokenSeq };
      prevHash = r.lastHash;
      after = batch[batch.length - 1].seq;
    }
  }
}

function describeQuery(q: EntryQuery): string {
  const parts = Object.entries(q)
    .filter(([k, v]) => v !== undefined && k !== 'limit')
    .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : v}`);
  return parts.length ? parts.join('&') : 'all';
}
