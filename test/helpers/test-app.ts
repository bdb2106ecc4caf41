import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig, type AppConfig } from '../../server/platform/config/config.ts';
import { createDb, type Db } from '../../server/platform/db/database.ts';

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  config: AppConfig;
  databaseUrl: string;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A database of this file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = inject('dbAdminUrl');
  const name = `dp_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('templateDb')}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const databaseUrl = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-media-'));
  const config: AppConfig = { ...loadConfig({ DATA_DIR: dataDir, TILE_URL: '' }), databaseUrl, webDir: path.join(dataDir, 'no-web'), ...overrides };
  const db = createDb(databaseUrl, 5);
  const app = await buildApp({ config, db, logger: false, background: false, loadShedding: false });
  await app.ready();
  return {
    app,
    db,
    config,
    databaseUrl,
    async close() {
      await app.close();
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
