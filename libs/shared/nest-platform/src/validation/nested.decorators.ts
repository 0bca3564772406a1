import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { registerDecorator, ValidateNested, ValidationOptions } from 'class-validator';

/** A JSON object: not null, not an array, not a string or number. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function IsJsonObject(options?: ValidationOptions): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const propertyName = String(key);
    registerDecorator({
      name: 'isJsonObject',
      target: target.constructor,
      propertyName,
      options: {
        message: options?.each
          ? `each item of ${propertyName} must be an object`
          : `${propertyName} must be an object`,
        ...options,
      },
      validator: { validate: (value: unknown) => isJsonObject(value) },
    });
  };
}

/**
 * One nested object of the given class, validated in turn. Refuses a missing value (unless the
 * property is also `@IsOptional()`), `null`, an array and a primitive with a 400 naming the field:
 * class-validator's `@ValidateNested()` alone lets `[]`, `[{…}]` and a missing value through, and the
 * handler then fails with a 500.
 */
export function NestedObject(type: () => new (...args: never[]) => object) {
  return applyDecorators(IsJsonObject(), ValidateNested(), Type(type));
}

/**
 * A list of nested objects of the given class. Refuses anything but an array, and any item that is not
 * an object (`[[]]`, `[null]`, `["x"]`); each item is validated in turn. Bound the length with
 * `@ArrayMaxSize` beside it.
 */
export function NestedObjectList(type: () => new (...args: never[]) => object) {
  return applyDecorators(IsArrayOfObjects(), ValidateNested({ each: true }), Type(type));
}

function IsArrayOfObjects(): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    const propertyName = String(key);
    registerDecorator({
      name: 'isArrayOfObjects',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a list of objects` },
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every((item) => isJsonObject(item)),
      },
    });
  };
}
