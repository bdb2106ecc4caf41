import type { Executor } from '../db/database.ts';

export const idempotencyRepository = {
  /** Claims the key; returns false when it was already claimed. */
  async claim(db: Executor, principal: string, key: string, fingerprint: string): Promise<boolean> {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ principal, key, fingerprint })
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  find(db: Executor, principal: string, key: string) {
    return db.selectFrom('idempotency_keys').selectAll().where('principal', '=', principal).where('key', '=', key).executeTakeFirst();
  },

  complete(db: Executor, principal: string, key: string, statusCode: number, contentType: string | null, body: string) {
    return db
      .updateTable('idempotency_keys')
      .set({ status_code: statusCode, content_type: contentType, response_body: body, completed_at: new Date() })
      .where('principal', '=', principal)
      .where('key', '=', key)
      .execute();
  },

  release(db: Executor, principal: string, key: string) {
    return db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('key', '=', key).where('completed_at', 'is', null).execute();
  },

  purgeOlderThan(db: Executor, cutoff: Date) {
    return db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).execute();
  },
};
