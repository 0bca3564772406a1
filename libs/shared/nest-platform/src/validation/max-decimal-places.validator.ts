import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * A finite number with at most `places` decimal places. Replaces class-validator's
 * `@IsNumber({ maxDecimalPlaces })`, which throws (a 500) on numbers JavaScript writes in exponent
 * notation such as 1e-7. Decided on the value, not its spelling: 1e-7 has 7 places, 1.5e2 none.
 */
export function hasMaxDecimalPlaces(value: unknown, places: number): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return Number(value.toFixed(places)) === value;
}

export function IsNumberWithMaxDecimals(places: number, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNumberWithMaxDecimals',
      target: target.constructor,
      propertyName,
      constraints: [places],
      options: {
        message: `${propertyName} must be a number with at most ${places} decimal places`,
        ...options,
      },
      validator: { validate: (value: unknown) => hasMaxDecimalPlaces(value, places) },
    });
}
