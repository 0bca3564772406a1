import { REPO_ROOT, waitFor } from '@oversight/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { api, GATEWAY } from './support';

describe('gateway hardening', () => {
  it('sends security headers (helmet) and no framework banner', async () => {
    const r = await fetch(`${GATEWAY}/health/live`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('gives no CORS permission to an origin that is not configured', async () => {
    const r = await fetch(`${GATEWAY}/api/complaint-reviews/applications`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('publishes one OpenAPI document covering the services behind it', async () => {
    const r = await api('GET', '/docs/openapi.json');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/complaint-reviews/applications',
        '/api/complaint-reviews/applications/{id}',
        '/api/audit/entries',
        '/auth/token',
      ]),
    );
    expect(r.body.components.schemas.CreateApplicationDto).toBeDefined();
  });

  describe('rate limiting', () => {
    let proc: ChildProcess;
    const port = 3990;
    beforeAll(async () => {
      const envText = execFileSync(
        'bash',
        ['-c', `source scripts/lib.sh && service_env gateway ${port} gateway`],
        { cwd: REPO_ROOT, encoding: 'utf8' },
      );
      const env: Record<string, string> = { ...process.env } as Record<string, string>;
      for (const line of envText.trim().split('\n'))
        env[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
      env.RATE_LIMIT_PER_MINUTE = '5';
      proc = spawn(
        'node',
        ['-r', join(REPO_ROOT, 'tools/register.js'), join(REPO_ROOT, 'apps/gateway/src/main.ts')],
        { env, stdio: 'ignore' },
      );
      await waitFor(
        'the rate-limited gateway',
        async () =>
          (await fetch(`http://127.0.0.1:${port}/health/live`)).status === 200 ||
          (await fetch(`http://127.0.0.1:${port}/health/live`)).status === 429,
        Boolean,
        { timeoutMs: 60_000, intervalMs: 300 },
      );
    });
    afterAll(() => {
      proc?.kill('SIGTERM');
    });

    it('answers 429 once a caller exceeds the configured requests per minute', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await fetch(`http://127.0.0.1:${port}/auth/demo-users`)).status);
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    });
  });
});
