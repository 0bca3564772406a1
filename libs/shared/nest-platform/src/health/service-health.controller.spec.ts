import { INestApplication } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { READINESS_CHECKS, ReadinessCheck } from './readiness';
import { ServiceHealthController } from './service-health.controller';

/** The terminus-based health endpoints keep the paths and meaning the probes and scripts rely on. */
describe('ServiceHealthController', () => {
  let app: INestApplication;
  let checks: ReadinessCheck[] = [];
  const up = (name: string): ReadinessCheck => ({ name, check: async () => undefined });

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [ServiceHealthController],
      providers: [{ provide: READINESS_CHECKS, useValue: () => checks }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('is live without looking at any dependency', async () => {
    checks = [{ name: 'database', check: () => Promise.reject(new Error('connection refused')) }];
    const res = await request(app.getHttpServer()).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('is ready (200) when every check passes, naming each', async () => {
    checks = [up('database'), up('kafka')];
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('is unavailable (503) when one check fails, with its reason', async () => {
    checks = [up('database'), { name: 'kafka', check: () => Promise.reject(new Error('broker down')) }];
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { kafka: { status: 'down', message: 'broker down' } },
    });
  });

  it('counts a check that does not answer within 3 s as down', async () => {
    checks = [{ name: 'temporal', check: () => new Promise<void>(() => undefined) }];
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.error.temporal).toEqual({ status: 'down', message: 'timed out after 3000 ms' });
  });
});
