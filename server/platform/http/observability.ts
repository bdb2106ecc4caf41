import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';

/** A value read when /metrics is scraped: one number, or one per label set. */
export type GaugeReading = number | null | Array<{ labels: Record<string, string>; value: number }>;

export interface Gauge {
  name: string;
  help: string;
  labelNames?: string[];
  read: () => GaugeReading;
}

/**
 * /health/live, /health/ready and Prometheus text at /metrics, with the request-duration
 * histogram and the `gauges` the platform reads at scrape time (load shedding, the
 * replica, live streams): what an operator watches on a flood night.
 */
export function installObservability(app: FastifyInstance, gauges: Gauge[] = []): void {
  const registry = new client.Registry();
  for (const g of gauges) {
    // eslint-disable-next-line no-new -- registered in the registry, read through it
    new client.Gauge({
      name: g.name,
      help: g.help,
      labelNames: g.labelNames ?? [],
      registers: [registry],
      collect() {
        const reading = g.read();
        this.reset();
        if (reading === null) return;
        if (typeof reading === 'number') this.set(reading);
        else for (const r of reading) this.set(r.labels, r.value);
      },
    });
  }
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/health/ready', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.platform.db);
      return { status: 'ok', database: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
