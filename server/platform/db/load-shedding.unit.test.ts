import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { installErrorHandler } from '../http/error-handler.ts';
import { rememberPool, type Db } from './database.ts';
import { installLoadShedding } from './load-shedding.ts';

/** A server whose /slow requests wait until the test lets them go. */
async function server(options: { maxInFlight: number; maxDbWaiting: number }) {
  const pool = { waitingCount: 0 };
  const db = {} as Db;
  rememberPool(db, pool as never);
  const app = Fastify();
  installErrorHandler(app);
  const shedding = installLoadShedding(app, { db, ...options, retryAfterSeconds: 3 });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  app.get('/slow', async () => { await gate; return { ok: true }; });
  app.get('/fast', async () => ({ ok: true }));
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/stream', { config: { longLived: true } }, async () => { await gate; return 'done'; });
  await app.ready();
  return { app, pool, shedding, release };
}

describe('load shedding', () => {
  it('answers 503 with Retry-After and bilingual problem details past the in-flight limit, and recovers', async () => {
    const { app, shedding, release } = await server({ maxInFlight: 3, maxDbWaiting: 0 });
    const slow = [1, 2, 3].map(() => app.inject({ method: 'GET', url: '/slow' }));
    await new Promise((r) => setTimeout(r, 20));
    expect(shedding.inFlight()).toBe(3);

    const shed = await app.inject({ method: 'GET', url: '/fast', headers: { 'accept-language': 'en' } });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('3');
    expect(shed.headers['content-type']).toMatch(/problem\+json/);
    const problem = shed.json();
    expect(problem).toMatchObject({ status: 503, code: 'overloaded' });
    expect(problem.detail).toBe(problem.detail_en);
    expect(problem.detail_th).toMatch(/[\u0E00-\u0E7F]/);
    // Health checks and long-lived streams are neither shed nor counted.
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const stream = app.inject({ method: 'GET', url: '/stream' });

    release();
    expect((await Promise.all(slow)).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect((await stream).statusCode).toBe(200);
    expect(shedding.inFlight()).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/fast' })).statusCode).toBe(200);
    expect(shedding.shed.in_flight).toBe(1);
    await app.close();
  });

  it('sheds while too many queries wait for a database connection', async () => {
    const { app, pool, shedding } = await server({ maxInFlight: 0, maxDbWaiting: 10 });
    pool.waitingCount = 10;
    expect((await app.inject({ method: 'GET', url: '/fast' })).statusCode).toBe(503);
    pool.waitingCount = 9;
    expect((await app.inject({ method: 'GET', url: '/fast' })).statusCode).toBe(200);
    expect(shedding.shed.database_queue).toBe(1);
    await app.close();
  });

  it('stops counting a request whose client went away, without waiting for its handler', async () => {
    const { app, shedding, release } = await server({ maxInFlight: 1, maxDbWaiting: 0 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const controller = new AbortController();
    const gone = fetch(`http://127.0.0.1:${port}/slow`, { signal: controller.signal }).catch(() => 'aborted');
    const deadline = Date.now() + 2_000;
    while (shedding.inFlight() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(shedding.inFlight()).toBe(1);
    controller.abort();
    expect(await gone).toBe('aborted');
    while (shedding.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(shedding.inFlight()).toBe(0);
    expect((await fetch(`http://127.0.0.1:${port}/fast`)).status).toBe(200);
    release();
    await app.close();
  });

  it('on a saturated event loop, sheds only after the start-up grace and while requests pile up', async () => {
    const { app, shedding, release } = await server({ maxInFlight: 40, maxDbWaiting: 0 });
    const sent: number[] = [];
    const reply = { status: (code: number) => { sent.push(code); return reply; }, header: () => reply, type: () => reply, send: () => reply } as never;
    const request = { headers: {}, log: { warn() {} } } as never;
    // Just started: the first utilisation sample is the start-up itself.
    expect(shedding.eventLoopPressure(request, reply, 'eventLoopUtilization', 0.99)).toBeUndefined();
    const now = performance.now();
    const clock = vi.spyOn(performance, 'now').mockReturnValue(now + 10_000);
    try {
      // Busy but not queueing (fewer than a quarter of MAX_IN_FLIGHT in flight): served.
      expect(shedding.eventLoopPressure(request, reply, 'eventLoopUtilization', 0.99)).toBeUndefined();
      const slow = Array.from({ length: 10 }, () => app.inject({ method: 'GET', url: '/slow' }));
      await new Promise((r) => setTimeout(r, 20));
      expect(shedding.inFlight()).toBe(10);
      expect(shedding.eventLoopPressure(request, reply, 'eventLoopUtilization', 0.99)).toBeDefined();
      expect(sent).toEqual([503]);
      expect(shedding.shed.event_loop).toBe(1);
      release();
      await Promise.all(slow);
    } finally {
      clock.mockRestore();
    }
    await app.close();
  });
});
