import { Pool, PoolClient } from 'pg';
import { SqlClient, TransactionalDb } from './sql-client';

function clientOf(c: Pool | PoolClient): SqlClient {
  return {
    $executeRawUnsafe: async (query: string, ...values: unknown[]) =>
      (await c.query(query, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) =>
      (await c.query(query, values)).rows as T,
  };
}

/**
 * The messaging lib's database port over a plain `pg` pool, for processes without a Prisma client
 * (tools, the lib's own tests). Like Prisma's, its transaction client has no `$transaction`.
 */
export class PgTransactionalDb implements TransactionalDb {
  private readonly direct: SqlClient;

  constructor(readonly pool: Pool) {
    this.direct = clientOf(pool);
  }

  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return this.direct.$executeRawUnsafe(query, ...values);
  }

  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    return this.direct.$queryRawUnsafe<T>(query, ...values);
  }

  async $transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: { timeout?: number }): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (options?.timeout)
        await client.query(`SET LOCAL statement_timeout = ${Math.floor(options.timeout)}`);
      const result = await fn(clientOf(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
