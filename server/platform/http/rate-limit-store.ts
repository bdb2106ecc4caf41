import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { runPrepared } from '../db/prepared-statements.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface RouteOptions {
  groupId?: string;
  routeInfo?: { method?: string; url?: string };
}

/**
 * A @fastify/rate-limit store in PostgreSQL, so the limits hold across every app
 * server behind the load balancer (an in-memory store would give each instance its own
 * allowance). One upsert per limited request: a fixed window per key.
 */
export function postgresRateLimitStore(db: Db) {
  let calls = 0;

  class PostgresRateLimitStore {
    private readonly scope: string;

    constructor(private readonly options: RouteOptions = {}) {
      this.scope = options.groupId ?? `${options.routeInfo?.method ?? ''} ${options.routeInfo?.url ?? 'global'}`;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const fullKey = `${this.scope}|${key}`;
      // Prepared: it runs before every limited request (prepared-statements.ts).
      runPrepared(db, sql<{ count: number; ttl: number }>`
        insert into rate_limits (key, count, window_ends)
        values (${fullKey}, 1, now() + make_interval(secs => ${timeWindow / 1000}))
        on conflict (key) do update set
          count = case when rate_limits.window_ends <= now() then 1 else rate_limits.count + 1 end,
          window_ends = case when rate_limits.window_ends <= now() then excluded.window_ends else rate_limits.window_ends end
        returning count, greatest(0, extract(epoch from window_ends - now()) * 1000)::int as ttl`)
        .then((rows) => {
          const row = rows[0]!;
          callback(null, { current: row.count, ttl: row.ttl });
          if (++calls % 1000 === 0) void sql`delete from rate_limits where window_ends < now() - interval '1 hour'`.execute(db).catch(() => undefined);
        })
        .catch((error: Error) => callback(error));
    }

    read(key: string, callback: Callback): void {
      runPrepared(db, sql<{ count: number; ttl: number }>`
        select count, greatest(0, extract(epoch from window_ends - now()) * 1000)::int as ttl
        from rate_limits where key = ${`${this.scope}|${key}`} and window_ends > now()`)
        .then((rows) => callback(null, rows[0] ? { current: rows[0].count, ttl: rows[0].ttl } : { current: 0, ttl: 0 }))
        .catch((error: Error) => callback(error));
    }

    child(routeOptions: RouteOptions): PostgresRateLimitStore {
      return new PostgresRateLimitStore({ ...this.options, ...routeOptions });
    }
  }

  return PostgresRateLimitStore;
}
