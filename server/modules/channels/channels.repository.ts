/** All SQL of the chat channels: conversations, their pending photos, handled webhook events. */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { ChatPlatform } from './conversation.engine.ts';

// Serialises one person's messages (two webhooks at once, two instances): key space of its own.
const CONVERSATION_LOCK_SPACE = 727_100;

export const channelsRepository = {
  async eventSeen(db: Executor, platform: ChatPlatform, eventId: string): Promise<boolean> {
    const row = await db.selectFrom('channel_webhook_events').select('id').where('platform', '=', platform).where('event_id', '=', eventId).executeTakeFirst();
    return row !== undefined;
  },

  /** Records the event as handled; false when it already was (a redelivery). */
  async markEvent(trx: Tx, platform: ChatPlatform, eventId: string): Promise<boolean> {
    const row = await trx
      .insertInto('channel_webhook_events')
      .values({ platform, event_id: eventId })
      .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async lockPerson(trx: Tx, platform: ChatPlatform, userId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(${CONVERSATION_LOCK_SPACE}, hashtext(${`${platform}:${userId}`}))`.execute(trx);
  },

  async findConversation(db: Executor, platform: ChatPlatform, userId: string) {
    return db
      .selectFrom('channel_conversations')
      .select(['id', 'state', 'updated_at', 'expires_at'])
      .where('platform', '=', platform)
      .where('platform_user_id', '=', userId)
      .executeTakeFirst();
  },

  async saveConversation(trx: Tx, platform: ChatPlatform, userId: string, state: unknown, now: Date, expiresAt: Date): Promise<string> {
    const row = await trx
      .insertInto('channel_conversations')
      .values({ platform, platform_user_id: userId, state: JSON.stringify(state), updated_at: now, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['platform', 'platform_user_id']).doUpdateSet({ state: JSON.stringify(state), updated_at: now, expires_at: expiresAt }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async deleteConversation(trx: Tx, id: string): Promise<void> {
    await trx.deleteFrom('channel_conversations').where('id', '=', id).execute();
  },

  async addPhoto(trx: Tx, conversationId: string, bytes: Buffer): Promise<void> {
    await trx.insertInto('channel_pending_photos').values({ conversation_id: conversationId, bytes }).execute();
  },

  async photos(db: Executor, conversationId: string): Promise<Buffer[]> {
    const rows = await db.selectFrom('channel_pending_photos').select('bytes').where('conversation_id', '=', conversationId).orderBy('id').execute();
    return rows.map((r) => r.bytes);
  },

  async deletePhotos(trx: Tx, conversationId: string): Promise<void> {
    await trx.deleteFrom('channel_pending_photos').where('conversation_id', '=', conversationId).execute();
  },

  /** Housekeeping: conversations silent past their expiry (photos go with them), old event ids. */
  async purge(db: Executor, now: Date, eventsBefore: Date): Promise<{ conversations: number; events: number }> {
    const conversations = await db.deleteFrom('channel_conversations').where('expires_at', '<', now).executeTakeFirst();
    const events = await db.deleteFrom('channel_webhook_events').where('received_at', '<', eventsBefore).executeTakeFirst();
    return { conversations: Number(conversations.numDeletedRows), events: Number(events.numDeletedRows) };
  },
};
