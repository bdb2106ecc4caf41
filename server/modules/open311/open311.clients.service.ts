import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { newToken, publicId, sha256Hex } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { open311Repository as repo } from './open311.repository.ts';

/** Keys carry a prefix so secret scanners (and people) can tell what they are. */
export const KEY_PREFIX = 'o311_';
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;
const MAX_NAME = 100;

export function newApiKey(): string {
  return `${KEY_PREFIX}${newToken()}`;
}

function cleanName(raw: string): string {
  const name = raw.replace(/\s+/g, ' ').trim();
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.length > MAX_NAME || /[\u0000-\u001F\u007F]/.test(name)) {
    throw fail.badRequest('invalid_client_name', `ชื่อผู้ใช้ API ต้องยาว 1–${MAX_NAME} ตัวอักษร`, `A client name is 1–${MAX_NAME} characters`, [
      { field: 'name', text: { th: `ยาว 1–${MAX_NAME} ตัวอักษร`, en: `must be 1–${MAX_NAME} characters` } },
    ]);
  }
  return name;
}

const exists = (name: string) =>
  fail.conflict('client_exists', `มีผู้ใช้ API ชื่อ "${name}" ที่ยังใช้งานอยู่แล้ว`, `An active client named "${name}" already exists`);

/**
 * Registered Open311 clients and their API keys. A key is returned once, when issued;
 * only its sha256 is stored, so a leaked database leaks no usable key. Issuing and
 * revoking are audited in the same transaction.
 */
export function createOpen311ClientsService(db: Db) {
  async function issue(rawName: string, actor: Actor) {
    const name = cleanName(rawName);
    const apiKey = newApiKey();
    try {
      const client = await db.transaction().execute(async (trx) => {
        if (await repo.activeClientNamed(trx, name)) throw exists(name);
        const row = await repo.insertClient(trx, {
          public_id: publicId(10),
          name,
          key_hash: sha256Hex(apiKey),
          key_prefix: apiKey.slice(0, SHOWN_PREFIX_LENGTH),
          created_by: actor.userId,
        });
        // Never the key, nor its hash: the audit trail is public to auditors.
        await recordAudit(trx, actor, { action: 'open311_client.create', entityType: 'open311_client', entityId: row.public_id, after: { name: row.name, key_prefix: row.key_prefix } });
        return row;
      });
      return { client, apiKey };
    } catch (error) {
      // Two administrators creating the same name at once: the unique index decides.
      if ((error as { code?: string }).code === '23505') throw exists(name);
      throw error;
    }
  }

  async function revoke(clientPublicId: string, actor: Actor) {
    return db.transaction().execute(async (trx) => {
      const client = await repo.findClientByPublicId(trx, clientPublicId);
      if (!client) throw fail.notFound('ไม่พบผู้ใช้ API นี้', 'No such Open311 client');
      // Revoking twice changes nothing and records nothing.
      if (client.revoked_at) return client;
      const revoked = await repo.revokeClient(trx, client.id, actor.userId);
      await recordAudit(trx, actor, { action: 'open311_client.revoke', entityType: 'open311_client', entityId: client.public_id, before: { revoked: false }, after: { revoked: true, name: client.name } });
      return revoked ?? client;
    });
  }

  /** The client a key belongs to, or null for a missing, unknown or revoked key. */
  async function authenticate(apiKey: string | undefined) {
    if (!apiKey || apiKey.length > 200) return null;
    return (await repo.findActiveClientByKeyHash(db, sha256Hex(apiKey))) ?? null;
  }

  return { issue, revoke, authenticate, list: () => repo.listClients(db) };
}

export type Open311ClientsService = ReturnType<typeof createOpen311ClientsService>;
