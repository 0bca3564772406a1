import 'reflect-metadata';

const NULLABLE = Symbol('oversight:nullable');

/**
 * Marks a DTO property on which `null` means something (e.g. "clear this value") and is documented
 * so in the OpenAPI description (`@ApiPropertyOptional({ nullable: true })`). Everywhere else the
 * strict validation pipe refuses `null`: `@IsOptional()` would otherwise treat it as absent, so a
 * client sending `"team": null` would silently get the default.
 */
export function Nullable(): PropertyDecorator {
  return (target, propertyKey) => Reflect.defineMetadata(NULLABLE, true, target, propertyKey);
}

export function isNullable(instance: object, property: string): boolean {
  return Reflect.getMetadata(NULLABLE, instance, property) === true;
}

/**
 * Paths of `null` values in a validated DTO instance (and its nested DTO instances) on properties not
 * marked `@Nullable()`. Plain objects inside a DTO (free-form maps) are not looked into.
 */
export function unexpectedNulls(instance: unknown, prefix = '', depth = 0): string[] {
  if (typeof instance !== 'object' || instance === null || depth > 40) return [];
  if (Array.isArray(instance))
    return instance.flatMap((item, i) => unexpectedNulls(item, `${prefix}[${i}]`, depth + 1));
  const proto = Object.getPrototypeOf(instance);
  if (proto === Object.prototype || proto === null) return []; // not a DTO class
  const found: string[] = [];
  for (const key of Object.keys(instance)) {
    const value = (instance as Record<string, unknown>)[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (value === null) {
      if (!isNullable(instance, key)) found.push(path);
    } else found.push(...unexpectedNulls(value, path, depth + 1));
  }
  return found;
}
