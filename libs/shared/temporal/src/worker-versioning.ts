import type { WorkerDeploymentOptions } from '@temporalio/worker';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Worker Deployment Versioning (https://docs.temporal.io/worker-versioning): a worker declares the deployment it
 * belongs to and the build of the code it runs; the server then routes each workflow task only to workers of the
 * version the workflow belongs to, so during a rolling upgrade build N never replays a history written by build N+1
 * (or the other way round). Off by default: with it on, a new build takes no new workflows until its version is made
 * current (by the Temporal Worker Controller on Kubernetes, or `temporal worker deployment set-current-version`).
 *
 * The settings (read by each service's TemporalServiceEnv, validated again here):
 * - TEMPORAL_WORKER_VERSIONING: on | off (default off).
 * - TEMPORAL_WORKER_DEPLOYMENT_NAME: the Temporal worker deployment; else TEMPORAL_DEPLOYMENT_NAME (what the Worker
 *   Controller injects into the pods it runs); else `oversight-<service>`.
 * - TEMPORAL_WORKER_BUILD_ID: the build; else TEMPORAL_WORKER_BUILD_ID injected by the Worker Controller (same name);
 *   else the id tools/build/build-app.js baked into dist/apps/<app>/build-info.json (a hash of every build input).
 *   Running from TypeScript sources there is none: versioning on then needs the setting.
 * - TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR: AUTO_UPGRADE (default) | PINNED, for workflows that do not declare
 *   their own (see docs/architecture.md, "Upgrading workflow code", for the choice per workflow).
 */
export interface WorkerVersioningSettings {
  TEMPORAL_WORKER_VERSIONING?: string;
  TEMPORAL_WORKER_DEPLOYMENT_NAME?: string;
  TEMPORAL_DEPLOYMENT_NAME?: string;
  TEMPORAL_WORKER_BUILD_ID?: string;
  TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR?: string;
}

export const VERSIONING_SWITCH = ['on', 'off'] as const;
export const VERSIONING_BEHAVIORS = ['AUTO_UPGRADE', 'PINNED'] as const;
/**
 * A deployment name or build id: printable, no spaces, at most 255 characters (the server's limit). Dots are refused
 * in deployment names: the server joins "<deployment>.<build id>" into one version string in some APIs.
 * The Worker Controller's names ("<k8s namespace>/<resource>") and build ids ("<image tag>-<hash>") fit.
 */
export const DEPLOYMENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_/:@+-]{0,254}$/;
export const BUILD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,254}$/;

export class InvalidWorkerVersioningError extends Error {
  override readonly name = 'InvalidWorkerVersioningError';
}

/** The Worker.create options this worker gets: none when versioning is off. */
export interface WorkerVersioningOptions {
  workerDeploymentOptions?: WorkerDeploymentOptions;
}

/**
 * The versioning options of one service's worker, or an InvalidWorkerVersioningError naming every setting to fix
 * (thrown at start: the worker process then exits with the message). Values are not secrets and are quoted back.
 */
export function workerVersioningOptions(
  s: WorkerVersioningSettings,
  service: string,
  bakedBuildId: () => string | undefined = () => readBakedBuildId(),
): WorkerVersioningOptions {
  const problems: string[] = [];
  const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const onOff = s.TEMPORAL_WORKER_VERSIONING ?? 'off';
  if (!(VERSIONING_SWITCH as readonly string[]).includes(onOff))
    problems.push(`TEMPORAL_WORKER_VERSIONING must be on or off (got '${onOff}')`);
  const behavior = blankToUndefined(s.TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR) ?? 'AUTO_UPGRADE';
  if (!(VERSIONING_BEHAVIORS as readonly string[]).includes(behavior))
    problems.push(
      `TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR must be AUTO_UPGRADE or PINNED (got '${behavior}')`,
    );
  const explicitName = blankToUndefined(s.TEMPORAL_WORKER_DEPLOYMENT_NAME);
  const controllerName = blankToUndefined(s.TEMPORAL_DEPLOYMENT_NAME);
  for (const [key, value] of [
    ['TEMPORAL_WORKER_DEPLOYMENT_NAME', explicitName],
    ['TEMPORAL_DEPLOYMENT_NAME', controllerName],
  ] as const)
    if (value !== undefined && !DEPLOYMENT_NAME_PATTERN.test(value))
      problems.push(
        `${key} must be 1-255 letters, digits or _ / : @ + - (no dots or spaces), starting with a letter or digit (got '${value}')`,
      );
  const explicitBuild = blankToUndefined(s.TEMPORAL_WORKER_BUILD_ID);
  if (explicitBuild !== undefined && !BUILD_ID_PATTERN.test(explicitBuild))
    problems.push(
      `TEMPORAL_WORKER_BUILD_ID must be 1-255 letters, digits or . _ / : @ + - (no spaces), starting with a letter or digit (got '${explicitBuild}')`,
    );
  // the baked id is read only when it is needed (versioning on, no TEMPORAL_WORKER_BUILD_ID)
  const buildId = explicitBuild ?? (onOff === 'on' ? bakedBuildId() : undefined);
  if (onOff === 'on' && buildId === undefined)
    problems.push(
      'TEMPORAL_WORKER_VERSIONING=on needs a build id: set TEMPORAL_WORKER_BUILD_ID, or run the built worker ' +
        '(tools/build/build-app.js bakes one into dist/apps/<app>/build-info.json)',
    );
  if (problems.length)
    throw new InvalidWorkerVersioningError(
      `Invalid worker versioning settings:\n  - ${problems.join('\n  - ')}`,
    );
  if (onOff === 'off' || buildId === undefined) return {};
  return {
    workerDeploymentOptions: {
      version: { deploymentName: explicitName ?? controllerName ?? `oversight-${service}`, buildId },
      useWorkerVersioning: true,
      defaultVersioningBehavior: behavior as (typeof VERSIONING_BEHAVIORS)[number],
    },
  };
}

/**
 * The build id tools/build/build-app.js wrote next to the running entry point (dist/apps/<app>/build-info.json),
 * or undefined (running from sources, under jest, or a build from before build ids).
 */
export function readBakedBuildId(entry: string | undefined = require.main?.filename): string | undefined {
  if (!entry) return undefined;
  const file = join(dirname(entry), 'build-info.json');
  if (!existsSync(file)) return undefined;
  let buildId: unknown;
  try {
    ({ buildId } = JSON.parse(readFileSync(file, 'utf8')) as { buildId?: unknown });
  } catch (err) {
    throw new InvalidWorkerVersioningError(
      `${file} is not readable JSON (${(err as Error).message}): rebuild the app`,
    );
  }
  return typeof buildId === 'string' && BUILD_ID_PATTERN.test(buildId) ? buildId : undefined;
}
