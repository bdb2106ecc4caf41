import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/problem.ts';
import { createOpen311ClientsService } from './open311.clients.service.ts';

/**
 * `npm run open311:client -- NAME`: registers a client and prints its API key, which is
 * shown this once. Returns the process exit code.
 */
export async function issueOpen311ClientFromCli(db: Db, name: string, say: (line: string) => void): Promise<number> {
  try {
    const { client, apiKey } = await createOpen311ClientsService(db).issue(name, SYSTEM_ACTOR('open311-client'));
    say(`✓ Open311 client registered: ${client.name} (id ${client.public_id})`);
    say(`  api_key: ${apiKey}`);
    say('  Shown once: only its hash is kept. Clients send it as api_key when they POST to /open311/v2/requests.json;');
    say('  an administrator can revoke it on the administration page (/admin).');
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      say(`✗ ${error.text.en} / ${error.text.th}`);
      return 1;
    }
    throw error;
  }
}
