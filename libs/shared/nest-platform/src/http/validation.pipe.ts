import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { inspectInput } from '../validation/input-hygiene';
import { unexpectedNulls } from '../validation/nullable.decorator';

export interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix
      ? /^\d+$/.test(e.property)
        ? `${prefix}[${e.property}]`
        : `${prefix}.${e.property}`
      : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export function invalidRequest(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Invalid request: ${fields.map((f) => `${f.field} (${f.problems.join('; ')})`).join(', ')}`,
    fields,
  });
}

const HTTP_INPUT = new Set(['body', 'query', 'param']);

/**
 * Strict input validation for every HTTP body, query and param: unknown fields are refused (not
 * silently dropped), values converted only where the DTO says, and each problem named by field.
 * Before the DTO is looked at, the raw input must be storable text without prototype keys and not
 * too deep (validation/input-hygiene.ts); after it, `null` is refused on properties not marked
 * `@Nullable()`. Kafka payloads (also passed through global pipes) get only the DTO validation.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => invalidRequest(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const http = HTTP_INPUT.has(metadata.type);
    if (http) {
      const problems = inspectInput(value, { root: metadata.data }); // @Query('x'): named x
      if (problems.length)
        throw invalidRequest(problems.map((p) => ({ field: p.field, problems: [p.problem] })));
    }
    const result = await super.transform(value, metadata);
    if (http && metadata.type !== 'param') {
      const nulls = unexpectedNulls(result);
      if (nulls.length)
        throw invalidRequest(
          nulls.map((field) => ({
            field,
            problems: [`${field} must not be null: leave it out instead`],
          })),
        );
    }
    return result;
  }
}

export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe();
}
