import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/helpers/test-app.ts';
import { loadConfig } from '../config/config.ts';
import { createDb, type Db } from './database.ts';
import { runPrepared } from './prepared-statements.ts';

// One connection per pool, so every statement below runs on the same backend and
// pg_prepared_statements shows what that backend kept.
let url: string;
let preparing: Db;
let plain: Db;

beforeAll(async () => {
  url = await createTestDatabase();
  preparing = createDb(url, 1, { preparedStatements: true });
  plain = createDb(url, 1);
});
afterAll(async () => {
  await preparing.destroy();
  await plain.destroy();
});

const keptBy = async (db: Db) =>
  (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(db)).rows;

const agencyByCode = (db: Db, code: string) => db.selectFrom('agencies').select(['code', 'name_en']).where('code', '=', code);

describe('named prepared statements', () => {
  it('a marked statement is prepared once per connection and answers like the unmarked one', async () => {
    const codes = (await preparing.selectFrom('agencies').select('code').orderBy('code').limit(3).execute()).map((r) => r.code);
    expect(codes.length).toBe(3);
    for (const code of codes) {
      expect(await runPrepared(preparing, agencyByCode(preparing, code))).toEqual(await agencyByCode(preparing, code).execute());
    }
    const kept = await keptBy(preparing);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.name).toMatch(/^dp_[\w-]{22}$/);
    expect(kept[0]!.statement).toContain('/* prepared */');
  });

  it('works inside a transaction, and raw SQL can be marked too', async () => {
    const rows = await preparing.transaction().execute((trx) => runPrepared(trx, sql<{ n: number }>`select ${41}::int + 1 as n`));
    expect(rows).toEqual([{ n: 42 }]);
    expect((await keptBy(preparing)).some((s) => s.statement.includes('+ 1 as n'))).toBe(true);
  });

  it('unmarked statements and pools without it (DATABASE_PREPARED_STATEMENTS=false) prepare nothing', async () => {
    await agencyByCode(preparing, 'bma').execute();
    expect((await keptBy(preparing)).every((s) => s.statement.includes('/* prepared */'))).toBe(true);
    const code = (await plain.selectFrom('agencies').select('code').limit(1).executeTakeFirstOrThrow()).code;
    expect(await runPrepared(plain, agencyByCode(plain, code))).toEqual(await agencyByCode(plain, code).execute());
    expect(await keptBy(plain)).toEqual([]);
  });
});

describe('DATABASE_PREPARED_STATEMENTS', () => {
  it('is on by default, off by default behind a pooler (DATABASE_DIRECT_URL set), and takes only true or false', () => {
    expect(loadConfig({}).scale.preparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_DIRECT_URL: 'postgres://direct/db' }).scale.preparedStatements).toBe(false);
    expect(loadConfig({ DATABASE_DIRECT_URL: 'postgres://direct/db', DATABASE_PREPARED_STATEMENTS: 'true' }).scale.preparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).scale.preparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'yes' })).toThrow(/DATABASE_PREPARED_STATEMENTS must be true or false/);
  });
});
