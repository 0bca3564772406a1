import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

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
   * (oocr sizes its worker with its own OOCR_WORKER_* settings.)
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: number = 200;

  /** Workflow tasks at once (the workflow code runs on one thread: more only queues there). */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  TEMPORAL_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: number = 10;

  /** Activities at once: each is a short transaction on the service's pool (DATABASE_POOL_SIZE). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  TEMPORAL_WORKER_MAX_CONCURRENT_ACTIVITIES: number = 10;
}
