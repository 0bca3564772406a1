/**
 * The slice of a Prisma client the messaging lib needs. Prisma's interactive-transaction client
 * satisfies `SqlClient`; the full PrismaClient also satisfies `TransactionalDb`. Keeping to this
 * interface keeps the lib free of any one service's generated client.
 */
export interface SqlClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- must accept Prisma's overloaded $transaction */
export interface TransactionalDb extends SqlClient {
  $transaction(
    fn: (tx: any) => Promise<any>,
    options?: { maxWait?: number; timeout?: number; isolationLevel?: any },
  ): Promise<any>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Prisma's transaction client has no `$transaction`; the full client does. */
export function isTransactionClient(client: SqlClient): boolean {
  return typeof (client as Partial<TransactionalDb>).$transaction !== 'function';
}
