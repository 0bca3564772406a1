import { Type } from 'class-transformer';
import {
  IsEmpty,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { accessSync, constants, statSync } from 'node:fs';

/** Settings every service has. Services extend this with their own. */
export class CommonEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: string = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgresql:// connection string' })
  DATABASE_URL!: string;

  @IsString()
  @Matches(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port]' })
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  /**
   * Connections this process keeps to its database. Size it with the number of instances: PostgreSQL's
   * max_connections is shared by every instance of every service (2 instances x 8 services x 10 = 160).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE: number = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT!: number;

  @IsString()
  @IsNotEmpty()
  HTTP_HOST: string = '127.0.0.1';

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  AUTH_JWKS_URL!: string;

  @IsString()
  @IsNotEmpty()
  AUTH_ISSUER!: string;

  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE: string = 'oversight-api';

  /** Longest access-token lifetime (exp − iat) accepted, in seconds; longer-lived tokens are refused (401). */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86_400)
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: number = 7200;

  /** Public key of the gateway's per-request assertions; a service refuses requests the gateway has not vouched for. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  INTERNAL_JWKS_URL: string = 'http://127.0.0.1:3000/internal/jwks.json';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  OUTBOX_MAX_ATTEMPTS: number = 10;
}

/** A setting naming a file this process must be able to read (a mounted secret): refused at start otherwise. */
@ValidatorConstraint({ name: 'readableFile' })
class ReadableFile implements ValidatorConstraintInterface {
  validate(path: unknown): boolean {
    if (typeof path !== 'string' || path === '') return false;
    try {
      accessSync(path, constants.R_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must name a readable file (none there, or not readable by this process)`;
  }
}

/** The mTLS certificate and its key come together: one without the other is refused, naming both. */
@ValidatorConstraint({ name: 'certAndKeyTogether' })
class CertAndKeyTogether implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    const env = args.object as TemporalServiceEnv;
    return Boolean(env.TEMPORAL_TLS_CERT_FILE) === Boolean(env.TEMPORAL_TLS_KEY_FILE);
  }
  defaultMessage(): string {
    return 'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE must be set together (mTLS needs the client certificate and its key)';
  }
}

/** The SDK silently lowers concurrent workflow tasks to the cache size: refuse the setting instead. */
@ValidatorConstraint({ name: 'atMostCachedWorkflows' })
class AtMostCachedWorkflows implements ValidatorConstraintInterface {
  validate(value: number, args: ValidationArguments): boolean {
    const cache = (args.object as TemporalServiceEnv).TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS;
    return cache === 0 || value <= cache;
  }
  defaultMessage(): string {
    return 'TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS must not exceed TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS (unless the cache is off)';
  }
}

/** Settings of a service that runs Temporal workflows (client, and usually a worker). */
export class TemporalServiceEnv extends CommonEnv {
  @IsString()
  @Matches(/^[\w.-]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS: string = '127.0.0.1:7233';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE: string = 'default';

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE!: string;

  // --- Connection security (@oversight/temporal temporal-security.ts; deploy/helm/README.md "Temporal") ---
  // Plain text by default (the local dev server). Any certificate, CA, server name or API key below implies TLS.
  // In production, plain text to a host that is not loopback is logged as a warning when the connection opens.

  /** TLS with the system's root certificates (e.g. Temporal Cloud with an API key, or a public CA). */
  @IsIn(['true', 'false'], { message: 'TEMPORAL_TLS must be true or false' })
  TEMPORAL_TLS: string = 'false';

  /** mTLS: this client's certificate (PEM file; with TEMPORAL_TLS_KEY_FILE). */
  @IsOptional()
  @Validate(ReadableFile)
  @Validate(CertAndKeyTogether)
  TEMPORAL_TLS_CERT_FILE?: string;

  /** mTLS: the certificate's private key (PEM file; with TEMPORAL_TLS_CERT_FILE). */
  @IsOptional()
  @Validate(ReadableFile)
  @Validate(CertAndKeyTogether)
  TEMPORAL_TLS_KEY_FILE?: string;

  /** The CA that signed the frontend's certificate (PEM file); without it, the system's roots. */
  @IsOptional()
  @Validate(ReadableFile)
  TEMPORAL_TLS_CA_FILE?: string;

  /** The name the frontend's certificate is checked against, when it is not TEMPORAL_ADDRESS's host. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9.*-]+$/, { message: 'TEMPORAL_TLS_SERVER_NAME must be a host name' })
  TEMPORAL_TLS_SERVER_NAME?: string;

  /**
   * A file holding a Temporal Cloud API key (sent as Authorization: Bearer; implies TLS). Read from a file only,
   * so that it is never in the environment (process listings, crash dumps); never logged.
   */
  @IsOptional()
  @Validate(ReadableFile)
  TEMPORAL_API_KEY_FILE?: string;

  /** Seconds between re-reads of TEMPORAL_API_KEY_FILE, so that a rotated key is taken without a restart (0: never). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  TEMPORAL_API_KEY_RELOAD_SECONDS: number = 60;

  /**
   * Never read. Refused alone, so that nobody relies on it; beside TEMPORAL_API_KEY_FILE it is ignored, because the
   * Temporal Worker Controller injects it into the worker pods it runs when its Connection has an API key.
   */
  @ValidateIf((env: TemporalServiceEnv) => !env.TEMPORAL_API_KEY_FILE)
  @IsEmpty({ message: 'TEMPORAL_API_KEY is not read: put the key in a file and set TEMPORAL_API_KEY_FILE' })
  TEMPORAL_API_KEY?: string;

  /** Run the Temporal worker, Kafka consumers and outbox relay in this process (off for an HTTP-only replica). */
  @IsIn(['true', 'false'])
  RUN_BACKGROUND_WORK: string = 'true';

  /**
   * Worker Deployment Versioning of this service's Temporal worker: on | off (off locally). The four settings below
   * are resolved and checked (formats, a build id when on) by workerVersioningOptions in @oversight/temporal when
   * the worker starts; docs/architecture.md "Upgrading workflow code".
   */
  @IsIn(['on', 'off'], { message: 'TEMPORAL_WORKER_VERSIONING must be on or off' })
  TEMPORAL_WORKER_VERSIONING: string = 'off';

  /** The Temporal worker deployment (default oversight-<service>). */
  @IsOptional()
  @IsString()
  TEMPORAL_WORKER_DEPLOYMENT_NAME?: string;

  /** The deployment name the Temporal Worker Controller injects into its pods (used when the one above is unset). */
  @IsOptional()
  @IsString()
  TEMPORAL_DEPLOYMENT_NAME?: string;

  /** This build of the worker code (the Worker Controller injects it; else the id baked by tools/build). */
  @IsOptional()
  @IsString()
  TEMPORAL_WORKER_BUILD_ID?: string;

  /** For workflows that declare no behaviour of their own. */
  @IsIn(['AUTO_UPGRADE', 'PINNED'], {
    message: 'TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR must be AUTO_UPGRADE or PINNED',
  })
  TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR: string = 'AUTO_UPGRADE';

  /**
   * Workflows the worker keeps in memory between tasks (0: none; every task replays its history). The SDK's
   * default grows with the heap limit; the review clocks, referrals and swaps sleep for days to weeks, and with
   * thousands open the workflow thread ran out of memory (ERR_WORKER_OUT_OF_MEMORY, complaint-reviews during an
   * intake benchmark). Past the bound the least recently used is evicted and replayed when it next wakes.
   * About 0.3 MB of worker memory per cached workflow (measured on oocr's caution workflows).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: number = 200;

  /**
   * Workflow tasks at once (the workflow code runs on one thread: more only queues there). At most
   * TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS when the cache is on.
   */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  @Validate(AtMostCachedWorkflows)
  TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: number = 10;

  /** Activities at once: each is a short transaction on the service's pool (DATABASE_POOL_SIZE). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES: number = 10;

  /**
   * On shutdown (SIGTERM), seconds in-flight activities get to finish before they are cancelled; the worker is
   * then given 10 s more before the drain is abandoned and the process exits (the server retries those activities).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  TEMPORAL_WORKER_SHUTDOWN_GRACE_SECONDS: number = 10;
}
