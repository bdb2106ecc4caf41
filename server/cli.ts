import crypto from 'node:crypto';
import { loadConfig } from './platform/config/config.ts';
import { openDatabase, type OpenDatabase } from './platform/db/open-database.ts';
import { SYSTEM_ACTOR, verifyAuditChain } from './platform/audit/audit.ts';
import { createAuthService } from './platform/auth/auth.service.ts';
import { AppError } from './platform/http/problem.ts';
import { createOrganizationService } from './modules/organization/organization.service.ts';

type Options = { demo?: boolean; count?: string; email?: string; name?: string; password?: string };
const say = (m: string) => console.log(m);

async function withDatabase<T>(run: (database: OpenDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, (m) => say(`· ${m}`));
  try {
    await createOrganizationService(database.db).loadReference();
    return await run(database);
  } finally {
    await database.close();
  }
}

/** CLI commands; each prints progress and a summary, and says what to do when it fails. */
export async function runCli(command: string, args: string[], options: Options): Promise<number> {
  switch (`${command} ${args[0] ?? ''}`.trim()) {
    case 'migrate':
      return withDatabase(async () => {
        say('✓ database migrated and reference data loaded');
        return 0;
      });

    case 'seed': {
      if (!options.demo) {
        say('Nothing to do: use "seed --demo" (npm run seed:demo) to add demo data.');
        return 2;
      }
      const count = options.count ? Number(options.count) : 3000;
      if (!Number.isInteger(count) || count < 1 || count > 200_000) {
        say('--count must be a whole number from 1 to 200000');
        return 2;
      }
      return withDatabase(async ({ db }) => {
        const { seedDemo } = await import('./modules/reports/demo-seed.ts');
        const summary = await seedDemo(db, { reports: count, onProgress: (done, total) => process.stdout.write(`\r· demo reports ${done}/${total}`) });
        say(`\n✓ demo data: ${summary.officers} officers (password printed below), ${summary.reports} reports in ${summary.districts} districts`);
        say(`  states: ${Object.entries(summary.states).map(([k, v]) => `${k} ${v}`).join(', ')}`);
        say(`  every demo officer signs in with password: ${summary.officerPassword}`);
        say(`  e.g. ${summary.sampleOfficer}`);
        // Communities, then their proposals, then the plans that take the accepted ones.
        const { seedDemoCommunities } = await import('./modules/communities/communities.demo-seed.ts');
        const c = await seedDemoCommunities(db, { onProgress: (d, n) => process.stdout.write(`\r· demo communities ${d}/${n}`) });
        say(`\n✓ demo communities: ${c.communities} communities, ${c.members} committee seats, ${c.needs} needs`);
        const { seedDemoProposals } = await import('./modules/proposals/proposals.demo-seed.ts');
        const p = await seedDemoProposals(db);
        say(`✓ demo proposals: ${p.proposals} (${Object.entries(p.byState).map(([k, v]) => `${k} ${v}`).join(', ')})`);
        const { seedDemoPlans } = await import('./modules/plans/plans.demo-seed.ts');
        const plans = await seedDemoPlans(db);
        say(`✓ demo action plans: ${plans.plans} plans, ${plans.items} items`);
        return 0;
      });
    }

    case 'admin create': {
      if (!options.email) {
        say('Give the administrator\'s e-mail: npm run admin:create -- --email you@example.org [--name "Your Name"] [--password ...]');
        return 2;
      }
      const password = options.password ?? crypto.randomBytes(12).toString('base64url');
      return withDatabase(async ({ db }) => {
        try {
          const user = await createAuthService(db).createUser(
            { email: options.email, password, display_name: options.name ?? 'ผู้ดูแลระบบ', role: 'admin' },
            SYSTEM_ACTOR('admin-create'),
          );
          say(`✓ administrator created: ${user.email}`);
          if (!options.password) say(`  password: ${password}   (shown once; change it after signing in, under "เรื่องของฉัน" / My reports)`);
          say('  sign in at /login with this e-mail and password');
          return 0;
        } catch (error) {
          if (error instanceof AppError) {
            say(`✗ ${error.text.en} / ${error.text.th}`);
            return 1;
          }
          throw error;
        }
      });
    }

    case 'import traffy': {
      const file = args[1];
      if (!file) {
        say('Give the CSV file: npm run import:traffy -- path/to/traffy.csv');
        return 2;
      }
      return withDatabase(async ({ db }) => {
        const { importTraffyCsv } = await import('./modules/reports/traffy-import.ts');
        const summary = await importTraffyCsv(db, file, { onProgress: (done) => process.stdout.write(`\r· rows read ${done}`) });
        say(`\n✓ import finished: ${summary.imported} imported, ${summary.skipped} skipped (already imported), ${summary.rejected.length} rejected`);
        const reasons = new Map<string, number>();
        // Group by the kind of problem; the per-row lines below keep the details.
        for (const r of summary.rejected) {
          const kind = r.reason.replace(/\s*\(.*\)$/, '');
          reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
        }
        for (const [reason, n] of reasons) say(`  rejected ${n}: ${reason}`);
        for (const r of summary.rejected.slice(0, 20)) say(`    line ${r.line} ${r.ticket ?? ''}: ${r.reason}`);
        return 0;
      });
    }

    case 'open311 client': {
      const name = args.slice(1).join(' ').trim() || options.name?.trim();
      if (!name) {
        say('Give the client\'s name: npm run open311:client -- "City app"');
        return 2;
      }
      return withDatabase(async ({ db }) => {
        const { issueOpen311ClientFromCli } = await import('./modules/open311/open311.cli.ts');
        return issueOpen311ClientFromCli(db, name, say);
      });
    }

    case 'integrity purge': {
      const config = loadConfig();
      return withDatabase(async ({ db }) => {
        const { purgeExpired } = await import('./modules/integrity/integrity.retention.ts');
        const policy = config.integrityRetention;
        say(`· retention: identities ${policy.identityDays} days, evidence ${policy.evidenceDays} days after a case closes`);
        const summary = await purgeExpired(db, policy);
        say(`✓ integrity purge: ${summary.identities} identities destroyed, evidence of ${summary.evidenceCases} cases (${summary.evidenceFiles} files) destroyed; each case audited`);
        return 0;
      });
    }

    case 'audit verify':
      return withDatabase(async ({ db }) => {
        const result = await verifyAuditChain(db, (n) => process.stdout.write(`\r· checked ${n}`));
        if (result.ok) {
          say(`\n✓ audit chain intact: ${result.checked} entries`);
          return 0;
        }
        say(`\n✗ AUDIT CHAIN BROKEN after ${result.checked} good entries: ${result.problem}`);
        return 1;
      });

    default:
      say(`Unknown command "${[command, ...args].join(' ')}". Run "tsx server/main.ts help".`);
      return 2;
  }
}
