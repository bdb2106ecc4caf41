import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { REPO_ROOT } from '../config/config.ts';
import type { Db } from './database.ts';

const MIGRATIONS_DIR = path.join(REPO_ROOT, 'server/migrations');
// One advisory lock key so that two instances starting together migrate once.
const MIGRATION_LOCK = 727_001;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** Plain, ordered, forward-only SQL migrations, each in its own transaction. */
export async function migrate(db: Db): Promise<MigrationResult> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        name text primary key, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Set(
        (await sql<{ name: string }>`select name from schema_migrations`.execute(conn)).rows.map((r) => r.name),
      );
      const applied: string[] = [];
      for (const name of files) {
        if (done.has(name)) continue;
        const body = fs.readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8');
        await conn.transaction().execute(async (trx) => {
          await sql.raw(body).execute(trx);
          await sql`insert into schema_migrations (name) values (${name})`.execute(trx);
        });
        applied.push(name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
