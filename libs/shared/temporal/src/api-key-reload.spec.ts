import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reloadApiKey } from './api-key-reload';

describe('reloadApiKey: a rotated key file reaches the connection without a restart', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'api-key-'));
    file = join(dir, 'api-key');
    writeFileSync(file, 'key-one\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = () => {
    const applied: string[] = [];
    const reports: object[] = [];
    const reload = reloadApiKey({
      path: file,
      initial: 'key-one',
      everySeconds: 3600,
      apply: (key) => void applied.push(key),
      report: (e) => void reports.push(e),
    });
    return { reload, applied, reports };
  };

  it('applies a new key once, and nothing while the file is unchanged', async () => {
    const { reload, applied, reports } = start();
    await reload.check();
    expect(applied).toEqual([]);
    // the way a Kubernetes secret volume updates: a new file moved over the old name
    writeFileSync(join(dir, 'new'), 'key-two\n');
    renameSync(join(dir, 'new'), file);
    await reload.check();
    await reload.check();
    expect(applied).toEqual(['key-two']);
    expect(reports).toEqual([{ changed: true }]);
    reload.stop();
  });

  it.each([
    ['removed', () => rmSync(file)],
    ['emptied', () => writeFileSync(file, '')],
  ])(
    'keeps the current key when the file is %s mid-rotation, and says so without the key',
    async (_n, change) => {
      const { reload, applied, reports } = start();
      change();
      await reload.check();
      expect(applied).toEqual([]);
      expect(reports).toHaveLength(1);
      expect(JSON.stringify(reports)).toMatch(/TEMPORAL_API_KEY_FILE/);
      expect(JSON.stringify(reports)).not.toContain('key-one');
      writeFileSync(file, 'key-three');
      await reload.check();
      expect(applied).toEqual(['key-three']);
      reload.stop();
    },
  );

  it('tries again when the connection refused the new key', async () => {
    let fail = true;
    const applied: string[] = [];
    const reports: object[] = [];
    const reload = reloadApiKey({
      path: file,
      initial: 'key-one',
      everySeconds: 3600,
      apply: (key) => {
        if (fail) throw new Error('connection closed');
        applied.push(key);
      },
      report: (e) => void reports.push(e),
    });
    writeFileSync(file, 'key-two');
    await reload.check();
    fail = false;
    await reload.check();
    expect(applied).toEqual(['key-two']);
    expect(reports).toEqual([{ error: 'connection closed' }, { changed: true }]);
    reload.stop();
  });

  it('reads on its interval', async () => {
    jest.useFakeTimers();
    try {
      const applied: string[] = [];
      const reload = reloadApiKey({
        path: file,
        initial: 'key-one',
        everySeconds: 30,
        apply: (key) => void applied.push(key),
        report: () => undefined,
      });
      writeFileSync(file, 'key-two');
      await jest.advanceTimersByTimeAsync(29_000);
      expect(applied).toEqual([]);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(applied).toEqual(['key-two']);
      reload.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});
