import type { Db } from '../db/database.ts';
import { poolOf } from '../db/database.ts';
import type { LoadShedding } from '../db/load-shedding.ts';
import type { ReadRouting } from '../db/read-routing.ts';
import type { LiveHub } from '../live/live.hub.ts';
import type { Gauge } from './observability.ts';

/**
 * What an operator needs to see under load, read when /metrics is scraped: requests in
 * flight and how many were shed (by reason), the primary pool's queue, the replica's lag
 * and where reads went, and the live-update streams this instance holds.
 */
export function operationalGauges(deps: {
  db: Db;
  shedding: LoadShedding | null;
  readRouting: ReadRouting | null;
  live: () => LiveHub | undefined;
}): Gauge[] {
  const { db, shedding, readRouting } = deps;
  const gauges: Gauge[] = [
    {
      name: 'demopolis_db_pool_waiting',
      help: 'Queries waiting for a connection of the primary pool',
      read: () => poolOf(db)?.waitingCount ?? null,
    },
    {
      name: 'demopolis_db_pool_connections',
      help: 'Connections of the primary pool, by state',
      labelNames: ['state'],
      read: () => {
        const pool = poolOf(db);
        if (!pool) return null;
        return [
          { labels: { state: 'idle' }, value: pool.idleCount },
          { labels: { state: 'busy' }, value: pool.totalCount - pool.idleCount },
        ];
      },
    },
    {
      name: 'demopolis_live_streams',
      help: 'Live-update streams (Server-Sent Events) open on this instance',
      read: () => deps.live()?.connections() ?? null,
    },
  ];
  if (shedding) {
    gauges.push(
      { name: 'demopolis_requests_in_flight', help: 'Requests being served (load shedding counts these)', read: () => shedding.inFlight() },
      {
        name: 'demopolis_requests_shed',
        help: 'Requests refused with 503 since start, by reason (a counter; rate() it)',
        labelNames: ['reason'],
        read: () => Object.entries(shedding.shed).map(([reason, value]) => ({ labels: { reason }, value })),
      },
    );
  }
  if (readRouting) {
    gauges.push(
      { name: 'demopolis_replica_lag_seconds', help: 'How far the read replica is behind the primary', read: () => readRouting.monitor.status().lagSeconds },
      {
        name: 'demopolis_replica_reads',
        help: 'Reads since start, by where they were answered (a counter; rate() it)',
        labelNames: ['served_by'],
        read: () => [
          { labels: { served_by: 'replica' }, value: readRouting.counters.replicaQueries },
          { labels: { served_by: 'primary_fallback' }, value: readRouting.counters.fallbacks },
        ],
      },
    );
  }
  return gauges;
}
