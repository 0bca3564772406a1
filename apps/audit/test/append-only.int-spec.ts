import { databaseUrl } from '@oversight/testing';
import { Client } from 'pg';

/** The trail is append-only in the database itself, not only in the service's code. */
describe('audit_entry refuses change', () => {
  let db: Client;
  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl('audit') });
    await db.connect();
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO audit_entry (id, occurred_at, processing, actor_subject, record_type, record_id, event_type, correlation_id, prev_hash, hash)
       VALUES (gen_random_uuid(), now(), 'COLLECTION', 'test', 'test-record', 'r1', 'test.event', 'c1', 'p', md5(random()::text))`,
    );
  });
  afterAll(async () => {
    await db.query('ROLLBACK').catch(() => undefined);
    await db.end();
  });

  it.each([
    ['UPDATE', `UPDATE audit_entry SET justification = 'rewritten' WHERE record_type = 'test-record'`],
    ['DELETE', `DELETE FROM audit_entry WHERE record_type = 'test-record'`],
    ['TRUNCATE', `TRUNCATE audit_entry`],
  ])('%s is refused by the database', async (op, sql) => {
    await db.query('SAVEPOINT s');
    await expect(db.query(sql)).rejects.toThrow(`audit_entry is append-only: ${op} is not allowed`);
    await db.query('ROLLBACK TO SAVEPOINT s');
  });
});
