import { DatabaseError } from 'pg';
import { describeError, errorSummary, isDatabaseError } from './safe-error';

/** A Prisma validation error as it is thrown: its message quotes the whole call, values included. */
function prismaValidationError(): Error {
  const e = new Error(
    '\nInvalid `tx.person.create()` invocation in\n/app/src/applications.service.ts:64:38\n\n' +
      '→ 64 const person = await tx.person.create({\n       data: {\n         fullName: "Harriet Vance",\n' +
      '         email: "harriet.vance@example.org"\n       }\n     })\n\nArgument `contactPreference` is missing.',
  );
  e.name = 'PrismaClientValidationError';
  Object.assign(e, { clientVersion: '6.19.3' });
  return e;
}

/** The driver adapter's error for a PostgreSQL error whose text quotes a value. */
function driverError(): Error {
  const e = new Error('refused person Harriet Vance <harriet.vance@example.org>');
  e.name = 'DriverAdapterError';
  Object.assign(e, { cause: { originalCode: 'P0001', kind: 'postgres', originalMessage: e.message } });
  return e;
}

/** node-postgres' own error (raw SQL through a pg Pool): named 'error', with the fields PostgreSQL sends. */
function pgError(): Error {
  const e = new DatabaseError('refused person Harriet Vance <harriet.vance@example.org>', 120, 'error');
  Object.assign(e, { severity: 'ERROR', code: 'P0001', routine: 'exec_stmt_raise' });
  return e;
}

describe('describeError: database errors are logged without the values written (issue 9, item 13)', () => {
  it.each([
    ['a Prisma validation error', prismaValidationError(), { name: 'PrismaClientValidationError' }],
    [
      'a driver adapter error',
      driverError(),
      { name: 'DriverAdapterError', code: 'P0001', kind: 'postgres' },
    ],
    ['a node-postgres error (raw SQL)', pgError(), { name: 'DatabaseError', code: 'P0001' }],
  ])('%s keeps its kind and loses its text', (_name, err, expected) => {
    const d = describeError(err);
    expect(d).toMatchObject(expected);
    const logged = JSON.stringify(d) + errorSummary(err);
    expect(logged).not.toMatch(/Harriet|harriet\.vance/);
    expect(isDatabaseError(err)).toBe(true);
  });

  it('names the Prisma call and where it was made', () => {
    expect(describeError(prismaValidationError())).toMatchObject({
      call: 'tx.person.create()',
      at: '/app/src/applications.service.ts:64:38',
    });
  });

  it('keeps the message of other errors, with stack frames only', () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'id')");
    const d = describeError(e);
    expect(d).toMatchObject({ name: 'TypeError', message: e.message });
    expect(d.stack?.split('\n').every((l) => /^\s+at /.test(l))).toBe(true);
    expect(isDatabaseError(e)).toBe(false);
    expect(errorSummary(e)).toBe(`TypeError: ${e.message}`);
  });

  it('describes a thrown non-Error without its value', () => {
    expect(describeError({ fullName: 'Harriet Vance' })).toEqual({
      name: 'object',
      message: 'a non-Error value was thrown',
    });
  });
});
