import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '../../test/helpers/test-app.ts';
import { dropSecondaryIndexes, LOADED_TABLES, restoreDroppedIndexes } from './bulk-indexes.ts';

let pool: pg.Pool;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await createTestDatabase(), max: 3 });
});
afterAll(async () => {
  await pool.end();
});

/** Every index of the loaded tables, by name, with its definition and whether it is unique. */
async function indexes() {
  const { rows } = await pool.query<{ name: string; definition: string; unique: boolean }>(
    `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition, indisunique as unique
       from pg_index where indrelid = any($1::regclass[]) order by 1`,
    [LOADED_TABLES],
  );
  return rows;
}

const ledger = async () => (await pool.query<{ found: boolean }>(`select to_regclass('bench_dropped_indexes') is not null as found`)).rows[0]!.found;

describe('bulk loading: secondary indexes dropped, then built once', () => {
  it('drops only the secondary indexes, keeps the unique ones, and builds back exactly what was there', async () => {
    const before = await indexes();
    expect(before.some((i) => i.name === 'reports_search_keys_idx')).toBe(true);
    const client = await pool.connect();
    let dropped;
    try {
      dropped = await dropSecondaryIndexes(client);
    } finally {
      client.release();
    }
    const during = await indexes();
    expect(dropped.length).toBeGreaterThan(5);
    expect(during.every((i) => i.unique)).toBe(true);
    expect(during.map((i) => i.name)).toEqual(before.filter((i) => i.unique).map((i) => i.name));
    expect(await ledger()).toBe(true);

    const built: string[] = [];
    await restoreDroppedIndexes(pool, { onBuilt: (index) => built.push(index.name) });
    expect(built.sort()).toEqual(dropped.map((d) => d.name).sort());
    // Same names and definitions, storage options included (the search index's pending list).
    expect(await indexes()).toEqual(before);
    expect(await ledger()).toBe(false);
  });

  it('a load killed after the drops leaves the ledger, and the next restore builds from it', async () => {
    const before = await indexes();
    const client = await pool.connect();
    try {
      await dropSecondaryIndexes(client);
      // A second drop (a rerun) finds nothing new to drop and keeps the first one's entries.
      expect(await dropSecondaryIndexes(client)).toEqual([]);
    } finally {
      client.release();
    }
    expect((await pool.query('select count(*)::int as n from bench_dropped_indexes')).rows[0].n).toBe(before.filter((i) => !i.unique).length);
    await restoreDroppedIndexes(pool, { parallel: 2 });
    expect(await indexes()).toEqual(before);
  });

  it('an index rebuilt meanwhile (a migration, by hand) is not built twice', async () => {
    const before = await indexes();
    const client = await pool.connect();
    try {
      const dropped = await dropSecondaryIndexes(client);
      const byHand = dropped.find((d) => d.name === 'reports_created_id_idx')!;
      await client.query(byHand.definition);
      const built: string[] = [];
      await restoreDroppedIndexes(pool, { onBuilt: (index) => built.push(index.name) });
      expect(built).not.toContain('reports_created_id_idx');
      expect(built).toHaveLength(dropped.length - 1);
    } finally {
      client.release();
    }
    expect(await indexes()).toEqual(before);
    expect(await ledger()).toBe(false);
  });

  it('a build that fails keeps its entry and every one not yet built, for the next run', async () => {
    const before = await indexes();
    const client = await pool.connect();
    try {
      const dropped = await dropSecondaryIndexes(client);
      await client.query(`insert into bench_dropped_indexes (name, definition) values ('aaa_broken', 'create index aaa_broken on no_such_table (x)')`);
      await expect(restoreDroppedIndexes(pool, { parallel: 1 })).rejects.toThrow(/no_such_table/);
      const left = (await client.query<{ name: string }>('select name from bench_dropped_indexes')).rows.map((r) => r.name);
      expect(left).toContain('aaa_broken');
      // The GIN index goes first and was built; the broken one stopped the rest.
      expect(left.length).toBe(dropped.length);
      await client.query(`delete from bench_dropped_indexes where name = 'aaa_broken'`);
    } finally {
      client.release();
    }
    await restoreDroppedIndexes(pool);
    expect(await indexes()).toEqual(before);
  });

  it('with no ledger there is nothing to build', async () => {
    expect(await restoreDroppedIndexes(pool)).toEqual([]);
  });
});
