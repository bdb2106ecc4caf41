import type pg from 'pg';

/**
 * Watches a streaming replica from the application's side: how far its replay is behind
 * the primary, in bytes of WAL and in seconds. Polled once a second on connections of
 * the pools, so every decision a request makes is a comparison in memory.
 *
 * "Seconds behind" is measured without trusting either server's clock and without
 * traffic: each poll samples the primary's WAL position (time t), then the replica's
 * replay position. The replica is known to hold everything the primary had committed at
 * the latest sampled t whose position it has replayed — its "fresh as of" time — so
 * `now − freshAsOf` is an upper bound on its staleness that holds on an idle primary too
 * (pg_last_xact_replay_timestamp() would grow without bound there).
 */

/** A WAL position ("16/B374D848") as one number, so positions compare exactly. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!match) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export interface ReplicaStatus {
  /** ok: used for public reads; lagging: too far behind, reads go to the primary; down: unreachable or not a standby. */
  status: 'ok' | 'lagging' | 'down' | 'starting';
  lagSeconds: number | null;
  lagBytes: number | null;
  replayPaused: boolean;
  replayLsn: string | null;
  error: string | null;
}

interface Sample {
  at: number;
  lsn: bigint;
}

export interface ReplicaMonitor {
  /** The replay position last seen, or null when unknown (then nothing is served from the replica). */
  replayLsn(): bigint | null;
  /** Whether the replica may serve reads now. */
  usable(): boolean;
  status(): ReplicaStatus;
  /** A query on the replica failed the way a down server fails: stop using it until the next good poll. */
  markDown(error: unknown): void;
  /** Poll now (tests, and the first poll at start). */
  poll(): Promise<void>;
  stop(): void;
}

export function createReplicaMonitor(deps: {
  primary: pg.Pool;
  replica: pg.Pool;
  maxLagSeconds: number;
  intervalMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}): ReplicaMonitor {
  const now = deps.now ?? (() => performance.now());
  const interval = deps.intervalMs ?? 1000;
  const samples: Sample[] = [];
  let replay: bigint | null = null;
  let freshAsOf: number | null = null;
  let paused = false;
  let lagBytes: number | null = null;
  let down: string | null = 'not polled yet';
  let started = false;
  let stopped = false;
  let running: Promise<void> | null = null;

  const setDown = (reason: string) => {
    if (down === null) deps.log?.(`replica not used for reads: ${reason}`);
    down = reason;
  };

  async function pollOnce(): Promise<void> {
    try {
      await sample();
    } finally {
      started = true;
    }
  }

  async function sample(): Promise<void> {
    const at = now();
    let primaryLsn: bigint;
    try {
      const { rows } = await deps.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
      primaryLsn = parseLsn(rows[0]!.lsn);
    } catch (error) {
      setDown(`primary WAL position unknown (${(error as Error).message})`);
      return;
    }
    samples.push({ at, lsn: primaryLsn });
    // Keep enough history to measure lag up to twice the limit.
    const horizon = at - deps.maxLagSeconds * 2000 - interval * 2;
    while (samples.length > 2 && samples[0]!.at < horizon) samples.shift();
    try {
      const { rows } = await deps.replica.query<{ recovery: boolean; lsn: string | null; paused: boolean }>(
        `select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as lsn,
                case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end as paused`,
      );
      const row = rows[0]!;
      if (!row.recovery || !row.lsn) {
        // A promoted replica is a second primary: reading from it could go back in time.
        setDown('the replica is not in recovery (promoted?)');
        return;
      }
      replay = parseLsn(row.lsn);
      paused = row.paused;
      lagBytes = Number(primaryLsn > replay ? primaryLsn - replay : 0n);
      let fresh: number | null = null;
      for (const s of samples) if (s.lsn <= replay) fresh = s.at;
      if (fresh !== null) freshAsOf = fresh;
      else if (freshAsOf === null) freshAsOf = samples[0]!.at - interval;
      if (down !== null) deps.log?.('replica in use for public reads');
      down = null;
    } catch (error) {
      setDown(`unreachable (${(error as Error).message})`);
    }
  }

  const lagSeconds = () => (freshAsOf === null ? null : Math.max(0, (now() - freshAsOf) / 1000));

  const tick = () => {
    if (stopped || running) return;
    running = pollOnce().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, interval);
  timer.unref();

  return {
    replayLsn: () => (down === null ? replay : null),
    usable() {
      if (down !== null || replay === null) return false;
      const lag = lagSeconds();
      return lag !== null && lag <= deps.maxLagSeconds;
    },
    status() {
      const lag = lagSeconds();
      const status: ReplicaStatus['status'] = !started && down !== null ? 'starting' : down !== null ? 'down' : lag !== null && lag <= deps.maxLagSeconds ? 'ok' : 'lagging';
      return {
        status,
        lagSeconds: lag === null ? null : Math.round(lag * 10) / 10,
        lagBytes,
        replayPaused: paused,
        replayLsn: replay === null ? null : formatLsn(replay),
        error: down,
      };
    },
    markDown(error) {
      setDown(`query failed (${(error as Error)?.message ?? String(error)})`);
    },
    async poll() {
      if (running) await running;
      running = pollOnce();
      try {
        await running;
      } finally {
        running = null;
      }
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
