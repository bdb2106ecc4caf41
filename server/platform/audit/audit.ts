import crypto from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Db, Executor, Tx } from '../db/database.ts';

export const GENESIS_HASH = '0'.repeat(64);
// One sealer at a time extends the chain (any instance may run one; the others skip).
export const AUDIT_SEAL_LOCK = 727_002;

export interface Actor {
  userId: string | null;
  /** Human-readable: "user:Kf3…", "system:import", "anonymous". */
  label: string;
  channel: string;
}

export const SYSTEM_ACTOR = (job: string): Actor => ({ userId: null, label: `system:${job}`, channel: 'system' });

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Stable JSON: sorted keys, so the same row always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

export interface ChainRow {
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  channel: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

export function chainHash(prevHash: string, row: ChainRow): string {
  const canonical = canonicalJson({
    occurred_at: new Date(row.occurred_at).toISOString(),
    actor_user_id: row.actor_user_id,
    actor_label: row.actor_label,
    channel: row.channel,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
  });
  return crypto.createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/**
 * Records an audit entry inside the caller's transaction, so the change and its record
 * commit or vanish together. The entry is written unsealed: no lock, no read of the
 * chain's head, so writers never queue behind one another. The sealer (sealAuditChain)
 * chains committed entries shortly after; `audit verify` seals before it walks.
 * Values are normalised through JSON first so the hash computed at sealing equals the
 * one recomputed from the stored jsonb later.
 */
export async function recordAudit(trx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await recordAuditMany(trx, actor, [entry]);
}

/** Many entries by one actor in one statement (imports, bulk actions), in order. */
export async function recordAuditMany(trx: Tx, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await auditInsert(actor, entries).execute(trx);
}

/**
 * The INSERT that records these entries, for a caller that writes its change and its
 * audit entry in one statement (a data-modifying WITH): `onlyIf` is a query that must
 * return a row for the entries to be written (the change happened). Run it only inside
 * the change's transaction, as recordAudit is.
 */
export function auditInsert(actor: Actor, entries: readonly AuditEntry[], onlyIf?: RawBuilder<unknown>): RawBuilder<unknown> {
  // Millisecond precision: what JavaScript and the chain both keep exactly.
  const at = new Date(Math.floor(Date.now()));
  const rows = entries.map((entry) => {
    const before = normalise(entry.before);
    const after = normalise(entry.after);
    return sql`(${at}::timestamptz, ${actor.userId}::bigint, ${actor.label}::text, ${actor.channel}::text, ${entry.action}::text, ${entry.entityType}::text, ${entry.entityId}::text,
      ${before === null ? null : JSON.stringify(before)}::jsonb, ${after === null ? null : JSON.stringify(after)}::jsonb)`;
  });
  const columns = sql.raw('occurred_at, actor_user_id, actor_label, channel, action, entity_type, entity_id, before, after');
  return onlyIf
    ? sql`insert into audit_log (${columns}) select * from (values ${sql.join(rows)}) as v(${columns}) where exists (${onlyIf})`
    : sql`insert into audit_log (${columns}) values ${sql.join(rows)}`;
}

function normalise(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(canonicalJson(value));
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadId: string | null;
  problem: string | null;
}

const SEAL_BATCH = 5000;

interface SealedHead {
  seq: string;
  hash: string;
}

/**
 * Chains up to `limit` committed, unsealed entries after the chain's head, in id order,
 * within the given transaction. Returns how many it sealed, or -1 when another sealer
 * holds the chain and `wait` is false.
 */
async function sealBatch(trx: Tx, wait: boolean, limit: number): Promise<number> {
  if (wait) {
    await sql`select pg_advisory_xact_lock(${AUDIT_SEAL_LOCK})`.execute(trx);
  } else {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${AUDIT_SEAL_LOCK}) as ok`.execute(trx);
    if (!got.rows[0]?.ok) return -1;
  }
  const head = (await sql<SealedHead>`select seq::text as seq, hash from audit_log where seq is not null order by audit_log.seq desc limit 1`.execute(trx)).rows[0];
  const rows = (await sql<ChainRow & { id: string }>`
    select id, occurred_at, actor_user_id, actor_label, channel, action, entity_type, entity_id, before, after
    from audit_log where seq is null order by id limit ${limit}`.execute(trx)).rows;
  if (rows.length === 0) return 0;
  let seq = BigInt(head?.seq ?? '0');
  let prev = head?.hash ?? GENESIS_HASH;
  const ids: string[] = [];
  const seqs: string[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const row of rows) {
    seq += 1n;
    const hash = chainHash(prev, row);
    ids.push(row.id);
    seqs.push(seq.toString());
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  await sql`
    update audit_log a set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
    from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) as v(id, seq, prev_hash, hash)
    where a.id = v.id`.execute(trx);
  return rows.length;
}

/**
 * Seals every entry committed so far. With `wait` it queues behind a running sealer
 * (what `audit verify` wants: everything committed is chained before the walk); without,
 * it leaves the work to whichever sealer already runs. Returns how many it sealed.
 */
export async function sealAuditChain(db: Executor, options: { wait?: boolean } = {}): Promise<number> {
  const wait = options.wait ?? true;
  let total = 0;
  for (;;) {
    const sealed = db.isTransaction
      ? await sealBatch(db as Tx, wait, SEAL_BATCH)
      : await db.transaction().execute((trx) => sealBatch(trx, wait, SEAL_BATCH));
    if (sealed <= 0) return total;
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

export interface AuditSealer {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The background sealer every server runs: entries are chained within about a second
 * of their commit. Several instances may run it; one seals at a time, the others skip.
 */
export function createAuditSealer(db: Db, log?: { error: (obj: object, msg: string) => void }, intervalMs = 1000): AuditSealer {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running = sealAuditChain(db, { wait: false })
      .catch((error: unknown) => log?.error({ err: error }, 'audit sealer failed; retrying'))
      .finally(() => {
        running = null;
        if (timer) timer = setTimeout(tick, intervalMs);
      });
  };
  return {
    start() {
      if (timer) return;
      timer = setTimeout(tick, intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

/**
 * Seals what is committed, then walks the whole chain in order; any edited, removed or
 * reordered entry breaks it. Entries committed after the seal wait for the next walk.
 */
export async function verifyAuditChain(db: Executor, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  await sealAuditChain(db, { wait: true });
  let prevHash = GENESIS_HASH;
  let lastSeq = '0';
  let checked = 0;
  for (;;) {
    const rows = (await sql<ChainRow & { id: string; seq: string; prev_hash: string; hash: string }>`
      select id, seq::text as seq, occurred_at, actor_user_id, actor_label, channel, action, entity_type, entity_id, before, after, prev_hash, hash
      from audit_log where audit_log.seq > ${lastSeq}::bigint order by audit_log.seq limit 5000`.execute(db)).rows;
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBadId: row.id, problem: `row ${row.id}: prev_hash does not match the previous row's hash (a row was removed or reordered)` };
      }
      const expected = chainHash(prevHash, row);
      if (expected !== row.hash) {
        return { ok: false, checked, firstBadId: row.id, problem: `row ${row.id}: content does not match its hash (the row was altered)` };
      }
      prevHash = row.hash;
      lastSeq = row.seq;
      checked += 1;
    }
    onProgress?.(checked);
  }
  return { ok: true, checked, firstBadId: null, problem: null };
}
