import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale } from '../i18n/locale.ts';
import { toProblem } from '../http/problem.ts';
import { overloadedError, poolOf, type Db } from './database.ts';

/**
 * Load shedding: past its limits the server answers 503 with Retry-After at once,
 * before touching the database, instead of queueing work until memory or latency runs
 * away — and recovers by itself as soon as the queue drains, since every check looks
 * at the present only. Three limits, each 0 = off:
 *
 *  - requests in flight (MAX_IN_FLIGHT): bounds concurrent work and the memory it holds;
 *  - queries waiting for a pooled connection (DATABASE_MAX_WAITING): the database is
 *    the bottleneck of almost every request, and its queue is the earliest sign;
 *  - a query that waited DATABASE_ACQUIRE_TIMEOUT_MS for a connection fails with 503
 *    (database.ts), bounding the latency of what was already admitted.
 *
 * The event loop's own saturation is @fastify/under-pressure's (app.ts), and counts only
 * while requests queue too (a quarter of MAX_IN_FLIGHT, or 64, in flight): a loop that is
 * merely busy is a server using its CPU. Health checks, metrics and long-lived streams
 * (route config `longLived`) are never shed or counted.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A stream that stays open (Server-Sent Events): not a request "in flight". */
    longLived?: boolean;
  }
}

export type ShedReason = 'in_flight' | 'database_queue' | 'event_loop';

export interface LoadSheddingOptions {
  db: Db;
  maxInFlight: number;
  maxDbWaiting: number;
  retryAfterSeconds: number;
}

export interface LoadShedding {
  inFlight(): number;
  shed: Record<ShedReason, number>;
  /** For @fastify/under-pressure: sheds on a saturated event loop, except just after start. */
  eventLoopPressure(request: FastifyRequest, reply: FastifyReply, type: string, value: unknown): FastifyReply | undefined;
}

// under-pressure's first utilisation sample spans the start-up (modules, reference data,
// route compilation: a busy loop by design) and stays current for a whole sample
// interval, so a fresh instance would shed its first second of traffic — during a rolling
// restart, exactly when it is needed. Event-loop pressure counts from this long after ready.
const EVENT_LOOP_GRACE_MS = 2_500;

// Serialised once per language: under a flood, refusing must cost as little as possible.
const overloadedBodies = new Map<string, string>();

/** The one answer for every kind of overload: bilingual problem details, 503, Retry-After. */
export function sendOverloaded(request: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const locale = pickLocale(request.headers['accept-language']);
  let body = overloadedBodies.get(locale);
  if (!body) overloadedBodies.set(locale, (body = JSON.stringify(toProblem(overloadedError(), locale))));
  return reply.status(503).header('retry-after', String(retryAfterSeconds)).header('cache-control', 'no-store').type('application/problem+json').send(body);
}

const kRelease = Symbol('releaseInFlight');

function exempt(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.longLived) return true;
  const path = request.url;
  return path.startsWith('/health/') || path === '/metrics';
}

export function installLoadShedding(app: FastifyInstance, options: LoadSheddingOptions): LoadShedding {
  const pool = poolOf(options.db);
  let inFlight = 0;
  let lastWarning = 0;
  let readyAt = Number.POSITIVE_INFINITY;
  const eventLoopQueue = options.maxInFlight > 0 ? Math.max(8, Math.ceil(options.maxInFlight / 4)) : 64;
  app.addHook('onReady', async () => {
    readyAt = performance.now();
  });
  const state: LoadShedding = {
    inFlight: () => inFlight,
    shed: { in_flight: 0, database_queue: 0, event_loop: 0 },
    eventLoopPressure(request, reply, type, value) {
      if (type === 'eventLoopUtilization') {
        if (performance.now() - readyAt < EVENT_LOOP_GRACE_MS) return undefined;
        // A busy loop is a server using its CPU, not yet an overloaded one: shed only when
        // requests are also piling up. (Measured: shedding on utilisation alone refused
        // 57–72% of requests at 20 concurrent connections with p99 under 70 ms.)
        if (inFlight < eventLoopQueue) return undefined;
      }
      state.shed.event_loop += 1;
      warn(request, 'event_loop', { type, value });
      return sendOverloaded(request, reply, options.retryAfterSeconds);
    },
  };

  const warn = (request: FastifyRequest, reason: ShedReason, extra: object = {}) => {
    if (reason !== 'event_loop') state.shed[reason] += 1;
    // One line a second at most: an overloaded server should not also flood its log.
    const now = Date.now();
    if (now - lastWarning < 1000) return;
    lastWarning = now;
    request.log.warn({ reason, ...extra, inFlight, dbWaiting: pool?.waitingCount ?? null, shedSoFar: state.shed }, 'shedding load');
  };

  // Callback hooks, not async ones: they run on every request.
  app.addHook('onRequest', (request, reply, done) => {
    if (exempt(request)) return done();
    if (options.maxInFlight > 0 && inFlight >= options.maxInFlight) {
      warn(request, 'in_flight');
      sendOverloaded(request, reply, options.retryAfterSeconds);
      return;
    }
    if (options.maxDbWaiting > 0 && pool && pool.waitingCount >= options.maxDbWaiting) {
      warn(request, 'database_queue');
      sendOverloaded(request, reply, options.retryAfterSeconds);
      return;
    }
    inFlight += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight -= 1;
    };
    (request as FastifyRequest & { [kRelease]?: () => void })[kRelease] = release;
    // 'close' also covers a client that went away before its answer was written.
    reply.raw.once('close', release);
    done();
  });

  app.addHook('onResponse', (request, _reply, done) => {
    (request as FastifyRequest & { [kRelease]?: () => void })[kRelease]?.();
    done();
  });

  return state;
}
