import 'reflect-metadata';
import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { ArrayMaxSize, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNumberWithMaxDecimals } from '../validation/max-decimal-places.validator';
import { NestedObject, NestedObjectList } from '../validation/nested.decorators';
import { Nullable } from '../validation/nullable.decorator';
import { PagedQuery, PageQuery } from '../validation/paging.query';
import { StrictValidationPipe } from './validation.pipe';

class PersonDto {
  @IsString() @MaxLength(50) fullName: string;
  @IsOptional() @IsString() email?: string;
}
class ItemDto {
  @IsString() name: string;
  @IsOptional() @IsNumberWithMaxDecimals(2) hours?: number;
}
class CreateDto {
  @NestedObject(() => PersonDto) complainant: PersonDto;
  @IsOptional() @NestedObject(() => PersonDto) representative?: PersonDto;
  @IsOptional() @ArrayMaxSize(5) @NestedObjectList(() => ItemDto) items?: ItemDto[];
  @IsOptional() @IsString() team?: string;
  @IsOptional() @Nullable() @IsString() assignee?: string | null;
}
class AuditQuery extends PagedQuery({ maxLimit: 1000, defaultLimit: 100 }) {}

const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });
const person = { fullName: 'Ada Example' };

async function refusal(value: unknown, meta: ArgumentMetadata): Promise<string[]> {
  try {
    await new StrictValidationPipe().transform(value, meta);
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return ((e as BadRequestException).getResponse() as { fields: Array<{ field: string }> }).fields.map(
      (f) => f.field,
    );
  }
  throw new Error('expected a 400');
}

describe('StrictValidationPipe (issue 9, items 6-9 and 12)', () => {
  it('accepts a well-formed body', async () => {
    const out = await new StrictValidationPipe().transform(
      { complainant: person, items: [{ name: 'a', hours: 1.5 }], assignee: null },
      body(CreateDto),
    );
    expect(out).toBeInstanceOf(CreateDto);
  });

  it.each<[string, unknown, string]>([
    ['a missing nested object', {}, 'complainant'],
    ['an empty array for an object', { complainant: [] }, 'complainant'],
    ['an array of objects for an object', { complainant: [person] }, 'complainant'],
    ['null for an object', { complainant: null }, 'complainant'],
    ['a string for an object', { complainant: 'Ada' }, 'complainant'],
    ['an array for an optional object', { complainant: person, representative: [] }, 'representative'],
    ['an object for a list', { complainant: person, items: { name: 'a' } }, 'items'],
    ['a list of lists', { complainant: person, items: [[]] }, 'items'],
    ['a list with null', { complainant: person, items: [null] }, 'items'],
    [
      'hours in exponent notation',
      { complainant: person, items: [{ name: 'a', hours: 1e-7 }] },
      'items[0].hours',
    ],
    ['NUL in a string', { complainant: { fullName: 'A\u0000' } }, 'complainant.fullName'],
    ['a lone surrogate', { complainant: { fullName: 'A\ud800' } }, 'complainant.fullName'],
    ['a __proto__ key', JSON.parse('{"complainant":{"fullName":"A"},"__proto__":{"team":"x"}}'), '__proto__'],
    [
      'a constructor key',
      { complainant: { fullName: 'A', constructor: { x: 1 } } },
      'complainant.constructor',
    ],
    ['null on an optional field not marked nullable', { complainant: person, team: null }, 'team'],
    ['null inside a nested object', { complainant: { fullName: 'A', email: null } }, 'complainant.email'],
  ])('%s → 400 naming %s', async (_name, value, field) => {
    expect(await refusal(value, body(CreateDto))).toContain(field);
  });

  it.each<[string, Record<string, string>, string]>([
    ['a huge offset', { offset: '1e308' }, 'offset'],
    ['an offset above the bound', { offset: '1000001' }, 'offset'],
    ['a negative offset', { offset: '-1' }, 'offset'],
    ['a hexadecimal limit', { limit: '0x10' }, 'limit'],
    ['an empty limit', { limit: '' }, 'limit'],
    ['a fractional limit', { limit: '1.5' }, 'limit'],
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit above 200', { limit: '201' }, 'limit'],
    ['a NUL in a query value', { limit: '1\u0000' }, 'limit'],
  ])('paging: %s → 400 naming %s', async (_name, q, field) => {
    expect(await refusal(q, query(PageQuery))).toEqual([field]);
  });

  it('paging: digits become numbers; a list may set its own bound', async () => {
    const pipe = new StrictValidationPipe();
    expect(await pipe.transform({ limit: '200', offset: '1000000' }, query(PageQuery))).toEqual({
      limit: 200,
      offset: 1_000_000,
    });
    expect(await pipe.transform({ limit: '1000' }, query(AuditQuery))).toEqual({ limit: 1000 });
    expect(await refusal({ offset: '5' }, query(AuditQuery))).toEqual(['offset']); // that list has no offset
  });

  it('leaves Kafka payloads (a non-HTTP parameter type) to the DTO validation alone', async () => {
    const out = await new StrictValidationPipe().transform({ complainant: person, team: 'x' }, {
      type: 3 as unknown as 'custom',
      metatype: CreateDto,
    } as ArgumentMetadata);
    expect(out).toBeInstanceOf(CreateDto);
  });
});
