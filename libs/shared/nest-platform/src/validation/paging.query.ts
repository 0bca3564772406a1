import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, registerDecorator } from 'class-validator';

/** Largest `offset` any list accepts: deeper pages are a search problem, not a paging one. */
export const MAX_OFFSET = 1_000_000;

/**
 * Query strings arrive as text. Only plain decimal digits become a number: `1e308`, `0x10`, `1.0`,
 * `-0`, ` 5` and an empty value stay text and are refused with a message naming the
 * field, instead of reaching the database as Infinity-sized or surprising values.
 */
const digitsToNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

/** One check and one message: a whole number within [min, max]. */
function IsWholeNumberFromTo(min: number, max: number): PropertyDecorator {
  return (target: object, key: string | symbol) =>
    registerDecorator({
      name: 'isWholeNumberFromTo',
      target: target.constructor,
      propertyName: String(key),
      constraints: [min, max],
      options: { message: `${String(key)} must be a whole number from ${min} to ${max}` },
      validator: {
        validate: (v: unknown) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max,
      },
    });
}

export interface PagingOptions {
  /** Default page size the service applies when `limit` is absent (documentation only). */
  defaultLimit?: number;
  /** Largest page size accepted. */
  maxLimit?: number;
  /** Whether the list pages with `offset` (leave false for lists that only cap their length). */
  offset?: boolean;
}

type Paged = new () => { limit?: number; offset?: number };

/**
 * The one definition of paging parameters for every list route of every service: list queries extend
 * `PageQuery` (limit and offset), `LimitQuery` (limit only), or `PagedQuery({...})` for other bounds.
 */
export function PagedQuery(opts: PagingOptions = {}): Paged {
  const defaultLimit = opts.defaultLimit ?? 50;
  const maxLimit = opts.maxLimit ?? 200;
  class LimitOnly {
    @ApiPropertyOptional({ type: Number, default: defaultLimit, minimum: 1, maximum: maxLimit })
    @IsOptional()
    @Transform(digitsToNumber)
    @IsWholeNumberFromTo(1, maxLimit)
    limit?: number;
  }
  if (!opts.offset) return LimitOnly;
  class LimitAndOffset extends LimitOnly {
    @ApiPropertyOptional({ type: Number, default: 0, minimum: 0, maximum: MAX_OFFSET })
    @IsOptional()
    @Transform(digitsToNumber)
    @IsWholeNumberFromTo(0, MAX_OFFSET)
    offset?: number;
  }
  return LimitAndOffset;
}

/** `limit` (1–200, default 50) and `offset` (0–1,000,000). */
export class PageQuery extends PagedQuery({ offset: true }) {}

/** `limit` only (1–200, default 50), for lists that do not page. */
export class LimitQuery extends PagedQuery() {}
