import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/platform/db/embedded-postgres.ts';
import { createDb } from '../../server/platform/db/database.ts';
import { migrate } from '../../server/platform/db/migrate.ts';
import { createOrganizationService } from '../../server/modules/organization/organization.service.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection to the server's maintenance database, allowed to CREATE DATABASE. */
    dbAdminUrl: string;
    /** Migrated database with reference data; each test file clones it. */
    templateDb: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL per test run: the embedded one in a temporary directory, or an
 * external server when TEST_DATABASE_URL is set (CI runs the suite on PostgreSQL 15
 * that way too). A template database is migrated and loaded once; every test file
 * then gets its own clone, as Immich does, so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL ?? null;
  let stop = async () => {};
  let tmpDir: string | null = null;
  if (!adminUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-test-'));
    fs.chmodSync(tmpDir, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: tmpDir });
    adminUrl = withDatabase(embedded.connectionString, 'postgres');
    stop = embedded.stop;
  }
  const templateDb = `dp_template_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${templateDb}`);
  const db = createDb(withDatabase(adminUrl, templateDb), 2);
  await migrate(db);
  await createOrganizationService(db).loadReference();
  await db.destroy();

  project.provide('dbAdminUrl', adminUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    // Drop every clone made from this run's template, then the template.
    const clones = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'dp_t_%' or datname = $1`, [templateDb]);
    for (const { datname } of clones.rows) {
      await admin.query(`drop database if exists ${datname} with (force)`).catch(() => undefined);
    }
    await admin.end();
    await stop();
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  };
}
