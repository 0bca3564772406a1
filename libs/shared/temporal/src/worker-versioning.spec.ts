import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InvalidWorkerVersioningError,
  readBakedBuildId,
  workerVersioningOptions,
  WorkerVersioningSettings,
} from './worker-versioning';

const error = (s: WorkerVersioningSettings, baked?: string): string => {
  try {
    workerVersioningOptions(s, 'oocr', () => baked);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidWorkerVersioningError);
    return (e as Error).message;
  }
  throw new Error('expected the settings to be refused');
};

describe('workerVersioningOptions', () => {
  it.each<[string, WorkerVersioningSettings, string | undefined]>([
    ['nothing set (local default)', {}, undefined],
    ['off, with a build id baked', { TEMPORAL_WORKER_VERSIONING: 'off' }, '0.1.0-abc'],
    [
      'off, with every other setting',
      { TEMPORAL_WORKER_VERSIONING: 'off', TEMPORAL_WORKER_BUILD_ID: 'b1' },
      undefined,
    ],
  ])('versioning off: no deployment options (%s)', (_case, settings, baked) => {
    expect(workerVersioningOptions(settings, 'oocr', () => baked)).toEqual({});
  });

  it.each<[string, WorkerVersioningSettings, string | undefined, object]>([
    [
      'explicit name and build id',
      {
        TEMPORAL_WORKER_VERSIONING: 'on',
        TEMPORAL_WORKER_DEPLOYMENT_NAME: 'oversight-oocr',
        TEMPORAL_WORKER_BUILD_ID: 'v2',
      },
      '0.1.0-baked',
      { deploymentName: 'oversight-oocr', buildId: 'v2' },
    ],
    [
      'the build id baked by tools/build, default name per service',
      { TEMPORAL_WORKER_VERSIONING: 'on' },
      '0.1.0-3f2a9c81d0e4',
      { deploymentName: 'oversight-oocr', buildId: '0.1.0-3f2a9c81d0e4' },
    ],
    [
      "what the Worker Controller injects (TEMPORAL_DEPLOYMENT_NAME '<ns>/<resource>')",
      {
        TEMPORAL_WORKER_VERSIONING: 'on',
        TEMPORAL_DEPLOYMENT_NAME: 'oversight/oversight-oocr-worker',
        TEMPORAL_WORKER_BUILD_ID: '1.4.2-7d9c5b6f8',
      },
      undefined,
      { deploymentName: 'oversight/oversight-oocr-worker', buildId: '1.4.2-7d9c5b6f8' },
    ],
    [
      'our own name wins over the controller-injected one',
      {
        TEMPORAL_WORKER_VERSIONING: 'on',
        TEMPORAL_WORKER_DEPLOYMENT_NAME: 'mine',
        TEMPORAL_DEPLOYMENT_NAME: 'ns/theirs',
        TEMPORAL_WORKER_BUILD_ID: 'b',
      },
      undefined,
      { deploymentName: 'mine', buildId: 'b' },
    ],
  ])('versioning on: %s', (_case, settings, baked, version) => {
    expect(workerVersioningOptions(settings, 'oocr', () => baked)).toEqual({
      workerDeploymentOptions: {
        version,
        useWorkerVersioning: true,
        defaultVersioningBehavior: 'AUTO_UPGRADE',
      },
    });
  });

  it('takes PINNED as the default behaviour when asked', () => {
    const o = workerVersioningOptions(
      { TEMPORAL_WORKER_VERSIONING: 'on', TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR: 'PINNED' },
      'complaint-reviews',
      () => 'b1',
    );
    expect(o.workerDeploymentOptions).toMatchObject({
      version: { deploymentName: 'oversight-complaint-reviews' },
      defaultVersioningBehavior: 'PINNED',
    });
  });

  it.each<[string, WorkerVersioningSettings, string | undefined, RegExp]>([
    [
      'a switch that is not on/off',
      { TEMPORAL_WORKER_VERSIONING: 'true' },
      'b',
      /TEMPORAL_WORKER_VERSIONING must be on or off \(got 'true'\)/,
    ],
    ['upper-case ON', { TEMPORAL_WORKER_VERSIONING: 'ON' }, 'b', /must be on or off/],
    [
      'on without any build id (running from sources)',
      { TEMPORAL_WORKER_VERSIONING: 'on' },
      undefined,
      /needs a build id: set TEMPORAL_WORKER_BUILD_ID/,
    ],
    [
      'on with a blank build id',
      { TEMPORAL_WORKER_VERSIONING: 'on', TEMPORAL_WORKER_BUILD_ID: '  ' },
      undefined,
      /needs a build id/,
    ],
    [
      'a build id with a space',
      { TEMPORAL_WORKER_VERSIONING: 'on', TEMPORAL_WORKER_BUILD_ID: 'v 2' },
      undefined,
      /TEMPORAL_WORKER_BUILD_ID must be .* \(got 'v 2'\)/,
    ],
    [
      'a build id over 255 characters',
      { TEMPORAL_WORKER_BUILD_ID: 'b'.repeat(256) },
      undefined,
      /TEMPORAL_WORKER_BUILD_ID must be 1-255/,
    ],
    [
      'a deployment name with a dot',
      { TEMPORAL_WORKER_DEPLOYMENT_NAME: 'oversight.oocr' },
      'b',
      /TEMPORAL_WORKER_DEPLOYMENT_NAME must be .*no dots/,
    ],
    [
      'a controller name with a space',
      { TEMPORAL_DEPLOYMENT_NAME: 'ns/a b' },
      'b',
      /TEMPORAL_DEPLOYMENT_NAME must be/,
    ],
    [
      'an unknown behaviour',
      { TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR: 'pinned' },
      'b',
      /must be AUTO_UPGRADE or PINNED \(got 'pinned'\)/,
    ],
  ])('refuses %s, naming the setting', (_case, settings, baked, message) => {
    expect(error(settings, baked)).toMatch(message);
  });

  it('names every problem at once', () => {
    const m = error({ TEMPORAL_WORKER_VERSIONING: 'yes', TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR: 'x' });
    expect(m).toMatch(/TEMPORAL_WORKER_VERSIONING must be on or off/);
    expect(m).toMatch(/TEMPORAL_WORKER_DEFAULT_VERSIONING_BEHAVIOR must be/);
  });

  it('checks the settings even while versioning is off (a typo fails now, not when it is switched on)', () => {
    expect(error({ TEMPORAL_WORKER_VERSIONING: 'off', TEMPORAL_WORKER_BUILD_ID: 'a b' })).toMatch(
      /TEMPORAL_WORKER_BUILD_ID must be/,
    );
  });
});

describe('readBakedBuildId', () => {
  const dir = mkdtempSync(join(tmpdir(), 'build-info-'));
  const entry = join(dir, 'worker.js');

  it('is undefined without a build-info.json next to the entry point (running from sources)', () => {
    expect(readBakedBuildId(join(tmpdir(), 'no-such-dir', 'worker.js'))).toBeUndefined();
    expect(readBakedBuildId(undefined)).toBeUndefined();
  });

  it('reads the build id tools/build wrote', () => {
    writeFileSync(join(dir, 'build-info.json'), JSON.stringify({ buildId: '0.1.0-3f2a9c81d0e4' }));
    expect(readBakedBuildId(entry)).toBe('0.1.0-3f2a9c81d0e4');
  });

  it('refuses a build-info.json that is not JSON, naming the file', () => {
    writeFileSync(join(dir, 'build-info.json'), '{"buildId": ');
    expect(() => readBakedBuildId(entry)).toThrow(/build-info.json is not readable JSON/);
  });

  it('is not read at all while versioning is off, or when TEMPORAL_WORKER_BUILD_ID is set', () => {
    const baked = jest.fn(() => 'baked');
    workerVersioningOptions({}, 'oocr', baked);
    workerVersioningOptions(
      { TEMPORAL_WORKER_VERSIONING: 'on', TEMPORAL_WORKER_BUILD_ID: 'b' },
      'oocr',
      baked,
    );
    expect(baked).not.toHaveBeenCalled();
  });

  it('ignores a malformed build id rather than registering it', () => {
    writeFileSync(join(dir, 'build-info.json'), JSON.stringify({ buildId: 'has space' }));
    expect(readBakedBuildId(entry)).toBeUndefined();
  });
});
