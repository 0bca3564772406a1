import { OnModuleDestroy } from '@nestjs/common';
import { PgTransactionalDb } from '@oversight/messaging';
import { Pool } from 'pg';

/**
 * The audit consumer's database: the messaging lib's port over a plain pg pool (DATABASE_POOL_SIZE). Every
 * event of the platform becomes one entry here (inbox row, chain lock, tail, insert: plain SQL, see
 * AuditTrailService.append); through Prisma's interactive transactions its client runtime was most of
 * the consumer's CPU (issue 14 §5). The audit API's reads (search, chain verification) keep Prisma.
 */
export class AuditDatabase extends PgTransactionalDb implements OnModuleDestroy {
  constructor(databaseUrl: string, poolSize: number) {
    const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
    pool.on('error', () => undefined); // a dropped idle connection: the next query reconnects
    super(pool);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
