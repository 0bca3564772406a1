/** A DATE column as YYYY-MM-DD. */
export const day = (d: Date): string => d.toISOString().slice(0, 10);
/** YYYY-MM-DD as a DATE column value. */
export const asDate = (s: string): Date => new Date(`${s}T00:00:00Z`);
