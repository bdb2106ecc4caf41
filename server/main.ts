#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { loadConfig } from './platform/config/config.ts';
import { openDatabase } from './platform/db/open-database.ts';
import { createOrganizationService } from './modules/organization/organization.service.ts';
import { runCli } from './cli.ts';

const USAGE = `Demopolis — Bangkok's open civic platform

usage: tsx server/main.ts <command>

  serve                      start the web app and API (npm start)
  migrate                    apply database migrations and load reference data
  seed --demo [--count N]    fill the database with clearly marked demo data (npm run seed:demo)
  admin create --email E [--name N] [--password P]
                             create a system administrator (npm run admin:create -- --email you@example.org)
  import traffy FILE.csv     import a Traffy Fondue open-data CSV (npm run import:traffy -- FILE.csv)
  audit verify               walk the audit hash chain (npm run audit:verify)
  integrity purge            apply the retention policy to closed corruption cases (npm run integrity:purge)
  open311 client NAME        register an Open311 client and print its API key (npm run open311:client -- NAME)
`;

async function serve() {
  const config = loadConfig();
  const log = (m: string) => console.log(`[demopolis] ${m}`);
  const database = await openDatabase(config, log, { poolSize: 20 });
  const organization = createOrganizationService(database.db);
  const loaded = await organization.loadReference();
  log(`reference data: ${loaded.districts} districts, ${loaded.agencies} agencies, ${loaded.categories} categories`);
  // Background listeners (outbox wake-ups) open their own connection to the same server.
  const app = await buildApp({ config: { ...config, databaseUrl: database.connectionString }, db: database.db });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await database.close();
      log('stopped cleanly');
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  log(`ready: ${config.publicUrl} (API docs at ${config.publicUrl}/api/docs)`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  if (command === 'serve') return serve();
  const { positionals, values } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      count: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const code = await runCli(command, positionals, values);
  process.exit(code);
}

main().catch((error) => {
  console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
