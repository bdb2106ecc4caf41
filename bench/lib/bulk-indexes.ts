/**
 * Bulk loading the benchmark database the way PostgreSQL's manual advises ("Populating a
 * Database"): when a load at least doubles the reports table, the secondary indexes of
 * the loaded tables are dropped first and built once at the end. Building an index from
 * all the rows at once is many times cheaper than growing it row by row — the search
 * index alone takes about five keys per word of every report, and at 10 million reports
 * the row-by-row load would spend most of its hours merging them.
 *
 * Primary keys, unique indexes and exclusion constraints stay: the data must meet them
 * while it loads. The definitions dropped are written to a table in the same transaction
 * as the drops, so a load that is killed half-way leaves them for the next run to build
 * (`restoreDroppedIndexes` runs before every load) instead of losing them.
 */
import pg from 'pg';

export const LOADED_TABLES = ['reports', 'report_events', 'report_photos', 'report_coowners', 'audit_log'] as const;
const LEDGER = 'bench_dropped_indexes';

export interface DroppedIndex {
  name: string;
  definition: string;
}

/** Drops the loaded tables' secondary indexes, recording each definition; returns them. */
export async function dropSecondaryIndexes(client: pg.ClientBase, tables: readonly string[] = LOADED_TABLES): Promise<DroppedIndex[]> {
  await client.query('begin');
  try {
    await client.query(`create table if not exists ${LEDGER} (name text primary key, definition text not null)`);
    const { rows } = await client.query<DroppedIndex>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
         from pg_index i
        where i.indrelid = any($1::regclass[])
          and not i.indisunique and not i.indisprimary and not i.indisexclusion
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        order by 1`,
      [tables],
    );
    for (const index of rows) {
      await client.query(`insert into ${LEDGER} (name, definition) values ($1, $2) on conflict (name) do update set definition = excluded.definition`, [index.name, index.definition]);
      await client.query(`drop index ${index.name}`);
    }
    await client.query('commit');
    return rows;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * Builds every index the ledger lists, `parallel` at a time (CREATE INDEX on one table
 * does not block another CREATE INDEX on it), each with generous memory for its sort,
 * and removes each from the ledger as it is built (or found already there). Returns what
 * the ledger listed; nothing to do when there is no ledger.
 */
/** The log line for an index a killed load left dropped, built by the next run. */
export const logLeftOverBuild = (log: (m: string) => void) => (index: DroppedIndex, seconds: number) =>
  log(`built ${index.name}, left by an interrupted data load, in ${seconds.toFixed(0)}s`);

export async function restoreDroppedIndexes(
  pool: pg.Pool,
  options: { parallel?: number; memory?: string; onBuilt?: (index: DroppedIndex, seconds: number) => void } = {},
): Promise<DroppedIndex[]> {
  const exists = await pool.query<{ found: boolean }>('select to_regclass($1) is not null as found', [LEDGER]);
  if (!exists.rows[0]!.found) return [];
  // The GIN index first: it takes longest, so the others fill in beside it.
  const { rows } = await pool.query<DroppedIndex>(`select name, definition from ${LEDGER} order by definition ilike '%using gin%' desc, name`);
  const queue = [...rows];
  const worker = async () => {
    const client = await pool.connect();
    try {
      for (let index = queue.shift(); index; index = queue.shift()) {
        const started = performance.now();
        await client.query('begin');
        await client.query(`set local maintenance_work_mem = '${options.memory ?? '1GB'}'`);
        // Built meanwhile (a migration, a person): nothing to do but forget it.
        const present = (await client.query<{ found: boolean }>('select to_regclass($1) is not null as found', [index.name])).rows[0]!.found;
        if (!present) await client.query(index.definition);
        await client.query(`delete from ${LEDGER} where name = $1`, [index.name]);
        await client.query('commit');
        if (!present) options.onBuilt?.(index, (performance.now() - started) / 1000);
      }
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 2) }, worker));
  // Only an empty ledger goes: one a load added to meanwhile keeps its new rows.
  await pool.query(`do $$ begin if not exists (select 1 from ${LEDGER}) then drop table ${LEDGER}; end if; end $$`);
  return rows;
}
