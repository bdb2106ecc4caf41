import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor, Tx } from '../db/database.ts';

export const GENESIS_HASH = '0'.repeat(64);
// Serialises chain appends: the previous hash must be the latest committed one.
const AUDIT_CHAIN_LOCK = 727_002;

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
 * Appends to the audit chain inside the caller's transaction, so the change and its
 * record commit or vanish together. Values are normalised through JSON first so the
 * hash computed now equals the one recomputed from the stored jsonb later.
 */
export async function recordAudit(trx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row: ChainRow = {
    // Millisecond precision: what JavaScript and the chain both keep exactly.
    occurred_at: new Date(Math.floor(Date.now())),
    actor_user_id: actor.userId,
    actor_label: actor.label,
    channel: actor.channel,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: normalise(entry.before),
    after: normalise(entry.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto('audit_log')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      prev_hash: prevHash,
      hash: chainHash(prevHash, row),
    })
    .execute();
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

/** Walks the whole chain in id order; any edited, removed or reordered row breaks it. */
export async function verifyAuditChain(db: Executor, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBadId: row.id, problem: `row ${row.id}: prev_hash does not match the previous row's hash (a row was removed or reordered)` };
      }
      const expected = chainHash(prevHash, row as ChainRow);
      if (expected !== row.hash) {
        return { ok: false, checked, firstBadId: row.id, problem: `row ${row.id}: content does not match its hash (the row was altered)` };
      }
      prevHash = row.hash;
      lastId = row.id;
      checked += 1;
    }
    onProgress?.(checked);
  }
  return { ok: true, checked, firstBadId: null, problem: null };
}
