import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ROLES } from '../auth/auth.types.ts';
import type { Db } from './database.ts';
import { parseLsn } from './replica-monitor.ts';
import { readRoutingOf, runWithReadContext, type ReadContext, type ReadRouting } from './read-routing.ts';

/**
 * Which requests read from the replica, and how a person keeps seeing their own writes.
 *
 * Read-your-writes by WAL position, not by a timer: after a request that wrote, the
 * response carries a cookie with the primary's WAL position at that moment
 * (pg_current_wal_lsn(), taken after the commit). A later public read from that browser
 * goes to the replica only when the replica has replayed at least that far; until then
 * it goes to the primary. A timer ("primary for N seconds after a write") is wrong both
 * ways: too long wastes the replica, too short loses the report whenever replay is slower
 * than N (a long query on the replica, replay paused, a burst of writes). The position is
 * exact however long replay takes.
 *
 * The cookie lives for twice the lag limit plus a minute: past that limit the replica is
 * not used at all, so an expired cookie can never point at a replica that lacks the write.
 */

/** Routes whose GETs may be answered from the replica: public pages, lists, search, map, figures, Open311. */
const REPLICA_ROUTES = new Set([
  '/api/v1/reports',
  '/api/v1/reports/nearby',
  '/api/v1/reports/:code',
  '/api/v1/figures',
]);
const REPLICA_PREFIXES = ['/open311/v2/'];

export const READ_MARKER_COOKIE = 'dp_rw';
const kContext = Symbol('readContext');
const kResource = Symbol('readResource');

type RoutedRequest = FastifyRequest & { [kContext]?: ReadContext; [kResource]?: AsyncResource };

function replicaEligible(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const route = request.routeOptions.url;
  if (!route) return false;
  if (!REPLICA_ROUTES.has(route) && !REPLICA_PREFIXES.some((p) => route.startsWith(p))) return false;
  // Staff (every role but citizen) work on what is true now; apps (bearer tokens) and
  // anonymous reporters proving ownership may not keep our cookie: all read the primary.
  const auth = request.auth;
  if (auth && (auth.kind === 'token' || auth.user.role !== ROLES.citizen)) return false;
  if (request.headers['x-reporter-token'] || request.headers.authorization) return false;
  const query = request.query as Record<string, unknown> | undefined;
  if (query && 'api_key' in query) return false;
  return true;
}

function markerSatisfied(request: FastifyRequest, routing: ReadRouting): boolean {
  const raw = request.cookies?.[READ_MARKER_COOKIE];
  if (!raw) return true;
  let wanted: bigint;
  try {
    wanted = parseLsn(raw);
  } catch {
    return true;
  }
  const replayed = routing.monitor.replayLsn();
  return replayed !== null && replayed >= wanted;
}

export interface ReadRoutingOptions {
  secureCookies: boolean;
  maxLagSeconds: number;
}

/**
 * Installs the per-request context and the choice of pool. Call it before the auth hook
 * is installed (the context must exist when the session is looked up — on the primary).
 * Does nothing for a plain Db.
 */
export function installReadRouting(app: FastifyInstance, db: Db, options: ReadRoutingOptions): ReadRouting | null {
  const routing = readRoutingOf(db);
  if (!routing) return null;
  const markerMaxAge = options.maxLagSeconds * 2 + 60;

  app.addHook('onRequest', (request, _reply, done) => {
    const context: ReadContext = { target: 'primary', wrote: false, replicaQueries: 0 };
    runWithReadContext(context, () => {
      const r = request as RoutedRequest;
      r[kContext] = context;
      // Body parsing leaves the async context; this resource takes the rest of the
      // request back into it (the pattern of @fastify/request-context).
      r[kResource] = new AsyncResource('demopolis-read-context');
      done();
    });
  });

  // preValidation runs after every onRequest hook, so the caller is known by now.
  app.addHook('preValidation', (request, _reply, done) => {
    const r = request as RoutedRequest;
    const context = r[kContext];
    if (context && replicaEligible(request) && markerSatisfied(request, routing)) context.target = 'replica';
    const resource = r[kResource];
    if (resource) resource.runInAsyncScope(done, request.raw);
    else done();
  });

  // Callback hooks, not async ones: they run on every request, and most do nothing.
  app.addHook('onSend', (request, reply: FastifyReply, payload, done) => {
    const context = (request as RoutedRequest)[kContext];
    if (!context?.wrote || reply.statusCode >= 500) return done(null, payload);
    routing.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn').then(
      ({ rows }) => {
        void reply.setCookie(READ_MARKER_COOKIE, rows[0]!.lsn, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: markerMaxAge, secure: options.secureCookies });
        done(null, payload);
      },
      // Without the marker this browser may read a slightly old replica: never worse than that.
      () => done(null, payload),
    );
  });

  app.addHook('onResponse', (request, _reply, done) => {
    (request as RoutedRequest)[kResource]?.emitDestroy();
    done();
  });

  return routing;
}

/**
 * Adds the replica's state to /health/ready (wrapping that route as it is added, so the
 * health module stays unaware). A lagging or down replica does not make the instance
 * unready: reads then go to the primary.
 */
export function reportReplicaInReadiness(app: FastifyInstance, routing: ReadRouting, maxLagSeconds: number): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url !== '/health/ready' || route.method !== 'GET') return;
    const original = route.handler;
    route.handler = async function wrapped(this: FastifyInstance, request, reply) {
      const result = await (original as (this: FastifyInstance, q: FastifyRequest, r: FastifyReply) => unknown).call(this, request, reply);
      if (reply.sent || result === reply || !result || typeof result !== 'object') return result;
      const s = routing.monitor.status();
      return {
        ...(result as object),
        replica: {
          status: s.status,
          lag_seconds: s.lagSeconds,
          lag_bytes: s.lagBytes,
          max_lag_seconds: maxLagSeconds,
          replay_paused: s.replayPaused,
          replay_lsn: s.replayLsn,
          reads_served: routing.counters.replicaQueries,
          fallbacks_to_primary: routing.counters.fallbacks,
        },
      };
    };
  });
}
