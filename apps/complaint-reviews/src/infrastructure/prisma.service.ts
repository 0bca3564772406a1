import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';

/**
 * This service's database, through the pg driver adapter (no native query engine). `pool` is the
 * adapter's own connection pool, for the few hot write paths that run one plain SQL statement instead
 * of a Prisma transaction (applications/use-cases/record-intake.ts): the same connections, the same
 * limit (DATABASE_POOL_SIZE, given by ServiceModule).
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  readonly pool: Pool;

  constructor(databaseUrl: string, poolSize = 10) {
    const pool = new Pool({ connectionString: databaseUrl, max: poolSize }); // DATABASE_POOL_SIZE
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
    // An idle connection that breaks is reported on the pool; unheard, it would end the process.
    pool.on('error', () => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end(); // the adapter leaves a pool it was given open
  }
}
