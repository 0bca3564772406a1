import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class InvalidConfigurationError extends Error {
  override readonly name = 'InvalidConfigurationError';
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
    ...describe(e.children ?? []),
  ]);
}

/**
 * Reads the environment into a typed, validated object, or refuses to start. Each service declares
 * its schema as a class with class-validator decorators; values are converted by class-transformer
 * (`@Type(() => Number)` etc.). Messages name the variable but never echo its value (it may be a secret).
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const instance = plainToInstance(
    schema,
    { ...env },
    { enableImplicitConversion: false, exposeDefaultValues: true },
  );
  const errors = validateSync(instance, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new InvalidConfigurationError(
      `Invalid configuration for ${schema.name}:\n  - ${describe(errors).join('\n  - ')}`,
    );
  }
  return instance;
}
