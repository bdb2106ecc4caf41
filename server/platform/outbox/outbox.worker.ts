import type { FastifyBaseLogger } from 'fastify';
import type { AppConfig } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import { ADAPTERS } from './adapters/index.ts';
import { offReason, type ChannelAdapter, type DeliveryResult, type OutgoingMessage } from './adapters/adapter.ts';
import { DEFAULT_RETRY_POLICY, nextRetryDelayMs, type RetryPolicy } from './outbox.backoff.ts';
import { listenForOutbox, type OutboxListener } from './outbox.listener.ts';
import { outboxRepository as repo, type ClaimedRow } from './outbox.repository.ts';
import { OUTBOX_CHANNELS, type OutboxChannel } from './outbox.ts';
import { maskRecipient } from './outbox.presenter.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.ts';

export interface OutboxWorkerOptions {
  /** Messages one lane claims at a time (and sends concurrently). Small, so N instances share the work. */
  batchSize?: number;
  /** Deadline of one request to a platform. */
  requestTimeoutMs?: number;
  /** How long a claim keeps a message from other workers; must exceed one batch's worst case. */
  leaseMs?: number;
  /** How often an idle worker looks for due messages: 5 s with LISTEN, else 1 s. */
  pollIntervalMs?: number;
  policy?: RetryPolicy;
  random?: () => number;
  /** LISTEN for new messages (needs DATABASE_URL: a connection of its own). Default: on when it is set. */
  listen?: boolean;
  /** Old messages one purge statement deletes at most (OUTBOX_RETENTION_DAYS). */
  purgeBatch?: number;
}

export interface RunSummary {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
  skipped: number;
}

const EMPTY: RunSummary = { claimed: 0, delivered: 0, retrying: 0, failed: 0, skipped: 0 };
const add = (a: RunSummary, b: RunSummary): RunSummary => ({
  claimed: a.claimed + b.claimed, delivered: a.delivered + b.delivered, retrying: a.retrying + b.retrying, failed: a.failed + b.failed, skipped: a.skipped + b.skipped,
});

const CHANNELS = Object.values(OUTBOX_CHANNELS) as OutboxChannel[];
const UNKNOWN_SWEEP_MS = 60_000;
/** How often an instance deletes messages past OUTBOX_RETENTION_DAYS (sooner while a backlog lasts). */
const PURGE_EVERY_MS = 10 * 60_000;
const PURGE_BATCH = 5_000;
const DAY_MS = 24 * 3600_000;

export interface PurgeSummary {
  delivered: number;
  failed: number;
  skipped: number;
  /** Older messages are left for the next purge (a batch came back full). */
  more: boolean;
}

/** The state of every channel under this configuration: on, or off and why. */
export function channelStates(config: AppConfig): Array<{ channel: OutboxChannel; adapter: ChannelAdapter; off: string | null }> {
  return CHANNELS.map((channel) => {
    const adapter = ADAPTERS[channel];
    return { channel, adapter, off: offReason(adapter, config.channels) };
  });
}

/** An outbox row as the adapter's message, or why it cannot be one. */
function toMessage(row: ClaimedRow): OutgoingMessage | string {
  const p = (typeof row.payload === 'string' ? safeJson(row.payload) : row.payload) as Record<string, unknown> | null;
  if (!p || typeof p !== 'object' || typeof p.text !== 'string' || p.text.trim() === '') return 'the message has no text (malformed payload)';
  const subject = p.subject as { type?: unknown; id?: unknown } | null | undefined;
  return {
    id: row.id,
    createdAt: new Date(row.created_at),
    recipient: row.recipient,
    text: p.text,
    link: typeof p.link === 'string' && p.link !== '' ? p.link : null,
    subject: subject && typeof subject.type === 'string' && typeof subject.id === 'string' ? { type: subject.type, id: subject.id } : null,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Delivers the outbox. Each channel is a lane of its own: it claims a small batch of
 * its due messages (FOR UPDATE SKIP LOCKED, so any number of instances share the
 * work and never claim the same message), sends them concurrently with a deadline each,
 * and records every outcome on its own. A slow or failing platform therefore holds
 * back only its own lane, and one bad message only itself.
 */
export function createOutboxWorker(deps: { db: Db; config: AppConfig }, options: OutboxWorkerOptions = {}) {
  const { db, config } = deps;
  const batchSize = options.batchSize ?? 10;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const leaseMs = options.leaseMs ?? Math.max(120_000, timeoutMs * 4);
  const listen = (options.listen ?? config.databaseUrl !== null) && config.databaseUrl !== null;
  // With LISTEN, polling only picks up retries that came due; without it, it is how new messages are found.
  const pollIntervalMs = options.pollIntervalMs ?? (listen ? 5_000 : 1_000);
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const random = options.random ?? Math.random;
  const purgeBatch = options.purgeBatch ?? PURGE_BATCH;
  const states = new Map(channelStates(config).map((s) => [s.channel, s]));
  let log: FastifyBaseLogger | null = null;

  async function record(row: ClaimedRow, adapter: ChannelAdapter, result: DeliveryResult): Promise<keyof RunSummary> {
    const who = { outbox_id: row.id, channel: row.channel, recipient: maskRecipient(row.channel, row.recipient), attempt: row.attempts };
    if (result.outcome === 'delivered') {
      await repo.markDelivered(db, row.id, row.attempts);
      log?.debug({ ...who, note: result.note }, `${adapter.label}: delivered`);
      return 'delivered';
    }
    if (result.outcome === 'failed') {
      await repo.markFailed(db, row.id, row.attempts, result.error);
      log?.warn({ ...who, error: result.error }, `${adapter.label}: message refused, not retried`);
      return 'failed';
    }
    if (row.attempts >= policy.maxAttempts) {
      const error = `gave up after ${row.attempts} attempts; last: ${result.error}`;
      await repo.markFailed(db, row.id, row.attempts, error);
      log?.warn({ ...who, error }, `${adapter.label}: giving up`);
      return 'failed';
    }
    const delay = nextRetryDelayMs(row.attempts, result.retryAfterMs, random, policy);
    await repo.scheduleRetry(db, row.id, row.attempts, delay, result.error);
    log?.info({ ...who, error: result.error, retry_in_s: Math.round(delay / 1000) }, `${adapter.label}: will retry`);
    return 'retrying';
  }

  async function deliverOne(row: ClaimedRow, adapter: ChannelAdapter): Promise<keyof RunSummary> {
    try {
      const message = toMessage(row);
      const result: DeliveryResult = typeof message === 'string'
        ? { outcome: 'failed', error: message }
        : await adapter.send(message, config.channels, { timeoutMs });
      return await record(row, adapter, result);
    } catch (error) {
      // A bug or a lost database: the lease hands the message back later; others go on.
      log?.error({ err: error, outbox_id: row.id, channel: row.channel }, 'outbox: delivery bookkeeping failed');
      return 'retrying';
    }
  }

  /** One batch of one channel. */
  async function laneOnce(channel: OutboxChannel): Promise<RunSummary> {
    const state = states.get(channel)!;
    if (state.off) {
      const skipped = await repo.skipDue(db, channel, `${state.adapter.label} is switched off: ${state.off}`, batchSize * 10);
      return { ...EMPTY, skipped };
    }
    const claimed = await repo.claimDue(db, channel, batchSize, leaseMs);
    const outcomes = await Promise.all(claimed.map((row) => deliverOne(row, state.adapter)));
    const summary = { ...EMPTY, claimed: claimed.length };
    for (const o of outcomes) summary[o] += 1;
    return summary;
  }

  /** One pass over every channel at once, each lane isolated from the others' errors. */
  async function runOnce(): Promise<RunSummary> {
    const lanes = await Promise.all(CHANNELS.map((c) => laneOnce(c).catch((error: unknown) => {
      log?.error({ err: error, channel: c }, 'outbox: lane failed');
      return EMPTY;
    })));
    const unknown = await repo.failUnknownChannels(db, CHANNELS, batchSize * 10);
    return lanes.reduce(add, { ...EMPTY, failed: unknown });
  }

  /**
   * Deletes finished messages older than OUTBOX_RETENTION_DAYS: the table would otherwise
   * grow with every notification ever sent, and it holds people's addresses. Audited,
   * in the same transaction, as one entry per purge with the counts.
   */
  async function purgeOnce(now = new Date()): Promise<PurgeSummary> {
    const before = new Date(now.getTime() - config.outboxRetentionDays * DAY_MS);
    return db.transaction().execute(async (trx) => {
      const purged = await repo.purgeFinished(trx, before, purgeBatch);
      if (purged.delivered + purged.failed + purged.skipped > 0) {
        await recordAudit(trx, SYSTEM_ACTOR('outbox'), {
          action: 'outbox.purge', entityType: 'outbox', entityId: '*',
          after: { ...purged, created_before: before.toISOString(), retention_days: config.outboxRetentionDays },
        });
      }
      return { ...purged, more: purged.delivered + purged.failed + purged.skipped >= purgeBatch };
    });
  }

  // ---- the background loop -------------------------------------------------------
  const running = new Map<OutboxChannel, Promise<void>>();
  const wokenWhileRunning = new Set<OutboxChannel>();
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let listener: OutboxListener | null = null;
  let lastUnknownSweep = 0;
  let lastPurge = 0;

  function startLane(channel: OutboxChannel): void {
    if (stopping) return;
    if (running.has(channel)) {
      wokenWhileRunning.add(channel);
      return;
    }
    const lane = (async () => {
      // Drain while batches come back full (or a wake-up arrived meanwhile), then idle.
      while (!stopping) {
        wokenWhileRunning.delete(channel);
        const r = await laneOnce(channel);
        if (r.claimed + r.skipped < batchSize && !wokenWhileRunning.has(channel)) break;
      }
    })()
      .catch((error: unknown) => log?.error({ err: error, channel }, 'outbox: lane failed'))
      .finally(() => running.delete(channel));
    running.set(channel, lane);
  }

  async function tick(): Promise<void> {
    timer = null;
    if (stopping) return;
    try {
      for (const channel of await repo.dueChannels(db, CHANNELS)) startLane(channel as OutboxChannel);
      if (Date.now() - lastUnknownSweep > UNKNOWN_SWEEP_MS) {
        lastUnknownSweep = Date.now();
        await repo.failUnknownChannels(db, CHANNELS, batchSize * 10);
      }
    } catch (error) {
      log?.warn({ err: error }, 'outbox: could not look for due messages; will try again');
    }
    if (!stopping && Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      try {
        const purged = await purgeOnce();
        // A backlog (the first purge of a large table) goes on at the next tick, a batch at a time.
        if (purged.more) lastPurge = 0;
        if (purged.delivered + purged.failed + purged.skipped > 0) log?.info(purged, 'outbox: old messages deleted');
      } catch (error) {
        log?.warn({ err: error }, 'outbox: could not delete old messages; will try again');
      }
    }
    if (!stopping) {
      timer = setTimeout(schedule, pollIntervalMs);
      timer.unref();
    }
  }

  function schedule(): void {
    ticking = tick().finally(() => {
      ticking = null;
    });
  }

  return {
    runOnce,
    purgeOnce,

    /** Starts the loop; says which channels are on and which are off, and what to set. */
    start(logger: FastifyBaseLogger): void {
      log = logger;
      stopping = false;
      for (const s of states.values()) {
        if (s.off) logger.info(`${s.adapter.label} off: ${s.off}`);
        else logger.info(`${s.adapter.label} on`);
      }
      if (listen && config.databaseUrl) {
        listener = listenForOutbox(
          // LISTEN needs a session of its own: behind PgBouncer in transaction mode, the direct one.
          config.scale.directUrl ?? config.databaseUrl,
          (channel) => {
            if (states.has(channel as OutboxChannel)) startLane(channel as OutboxChannel);
          },
          (error) => logger.warn({ err: error }, 'outbox: LISTEN connection lost; polling meanwhile'),
        );
      }
      schedule();
    },

    /** Stops looking for work and waits for the batches in flight to be recorded. */
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await listener?.close();
      listener = null;
      await ticking;
      await Promise.allSettled([...running.values()]);
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
