import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, DummyDriver, CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isPlainRead } from './read-routing.ts';
import { createReplicaMonitor, formatLsn, parseLsn } from './replica-monitor.ts';
import type { Database } from './schema.ts';

// A Kysely that only compiles: the routing decision looks at compiled queries.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

describe('which statements the replica may answer', () => {
  it('plain selects, joins and CTE reads: yes', () => {
    expect(isPlainRead(db.selectFrom('reports').selectAll().where('code', '=', 'X').compile())).toBe(true);
    expect(isPlainRead(db.selectFrom('reports as r').innerJoin('categories as c', 'c.id', 'r.category_id').select(['r.code', 'c.code as category']).compile())).toBe(true);
    expect(isPlainRead(sql`select count(*) from reports where updated_at > now() - interval '1 day'`.compile(db))).toBe(true);
    expect(isPlainRead(sql`with x as (select 1) select * from x`.compile(db))).toBe(true);
    // "offset", "updated_at", "settled": words that contain write keywords are still reads.
    expect(isPlainRead(sql`select updated_at, settled from reports order by id offset 20`.compile(db))).toBe(true);
  });

  it('writes, locking reads, side-effecting functions and transaction control: no', () => {
    expect(isPlainRead(db.insertInto('rate_limits').values({ key: 'k', count: 1, window_ends: new Date() } as never).compile())).toBe(false);
    expect(isPlainRead(db.updateTable('reports').set({ state: 'fixed' } as never).compile())).toBe(false);
    expect(isPlainRead(db.deleteFrom('rate_limits').compile())).toBe(false);
    expect(isPlainRead(db.selectFrom('reports').selectAll().forUpdate().compile())).toBe(false);
    expect(isPlainRead(db.selectFrom('reports').selectAll().forShare().skipLocked().compile())).toBe(false);
    expect(isPlainRead(sql`select pg_advisory_lock(1)`.compile(db))).toBe(false);
    expect(isPlainRead(sql`select nextval('x')`.compile(db))).toBe(false);
    expect(isPlainRead(sql`select pg_notify('a', 'b')`.compile(db))).toBe(false);
    expect(isPlainRead(sql`with moved as (delete from outbox returning *) select * from moved`.compile(db))).toBe(false);
    expect(isPlainRead(sql`insert into x select 1`.compile(db))).toBe(false);
    expect(isPlainRead(CompiledQuery.raw('begin'))).toBe(false);
    expect(isPlainRead(sql`set local demopolis.live = 'off'`.compile(db))).toBe(false);
  });
});

describe('WAL positions', () => {
  it('parse and print exactly, and order as numbers', () => {
    expect(formatLsn(parseLsn('16/B374D848'))).toBe('16/B374D848');
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(() => parseLsn('16B374D848')).toThrow();
    expect(() => parseLsn('x/1')).toThrow();
  });
});

/** A pool that answers the monitor's two queries from variables the test moves. */
function fakePools() {
  const state = { primary: '0/100', replay: '0/100', recovery: true, paused: false, replicaDown: false };
  const primary = { query: async () => ({ rows: [{ lsn: state.primary }] }) };
  const replica = {
    query: async () => {
      if (state.replicaDown) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return { rows: [{ recovery: state.recovery, lsn: state.replay, paused: state.paused }] };
    },
  };
  return { state, primary: primary as never, replica: replica as never };
}

describe('replica monitor', () => {
  it('measures staleness from its own samples: caught up, behind for a while, and too far behind', async () => {
    let now = 0;
    const pools = fakePools();
    const monitor = createReplicaMonitor({ ...pools, maxLagSeconds: 5, intervalMs: 60_000, now: () => now });
    try {
      await monitor.poll();
      expect(monitor.usable()).toBe(true);
      expect(monitor.status()).toMatchObject({ status: 'ok', lagBytes: 0, replayLsn: '0/100' });

      // The primary moves on; replay stops (paused).
      now = 1000;
      pools.state.primary = '0/200';
      pools.state.paused = true;
      await monitor.poll();
      expect(monitor.status().lagBytes).toBe(0x100);
      expect(monitor.status().replayPaused).toBe(true);
      // Fresh as of the first sample (t=0): one second behind at most.
      expect(monitor.status().lagSeconds).toBe(1);
      expect(monitor.usable()).toBe(true);
      expect(monitor.replayLsn()).toBe(parseLsn('0/100'));

      now = 7000;
      await monitor.poll();
      expect(monitor.status().lagSeconds).toBe(7);
      expect(monitor.usable()).toBe(false);
      expect(monitor.status().status).toBe('lagging');

      // Replay catches up with what the primary had at t=1000 and t=7000.
      now = 8000;
      pools.state.replay = '0/200';
      pools.state.paused = false;
      await monitor.poll();
      expect(monitor.status().lagSeconds).toBe(0);
      expect(monitor.usable()).toBe(true);
    } finally {
      monitor.stop();
    }
  });

  it('is not used when unreachable or promoted, and is again once it answers as a standby', async () => {
    let now = 0;
    const pools = fakePools();
    const monitor = createReplicaMonitor({ ...pools, maxLagSeconds: 5, intervalMs: 60_000, now: () => now });
    try {
      await monitor.poll();
      expect(monitor.usable()).toBe(true);
      pools.state.replicaDown = true;
      now = 1000;
      await monitor.poll();
      expect(monitor.usable()).toBe(false);
      expect(monitor.replayLsn()).toBeNull();
      expect(monitor.status().status).toBe('down');

      pools.state.replicaDown = false;
      pools.state.recovery = false;
      await monitor.poll();
      expect(monitor.usable()).toBe(false);

      pools.state.recovery = true;
      await monitor.poll();
      expect(monitor.usable()).toBe(true);

      monitor.markDown(new Error('Connection terminated'));
      expect(monitor.usable()).toBe(false);
    } finally {
      monitor.stop();
    }
  });
});
