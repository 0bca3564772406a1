import type { IsoDate } from '@oversight/working-days';

/** A calendar date column (Prisma @db.Date) from YYYY-MM-DD. */
export const asDate = (s: IsoDate): Date => new Date(`${s}T00:00:00Z`);

/** YYYY-MM-DD from a calendar date column. */
export const day = (d: Date): IsoDate => d.toISOString().slice(0, 10);
export const dayOrNull = (d: Date | null | undefined): IsoDate | null => (d ? day(d) : null);
