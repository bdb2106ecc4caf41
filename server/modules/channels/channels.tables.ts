/**
 * Kysely row types for the chat channels (LINE, Facebook, X): conversations, their
 * pending photos, processed webhook events. Merged into the one Database type in
 * server/platform/db/schema.ts; keep in step with server/migrations/0007_channels.sql.
 */
import type { ColumnType, Generated } from 'kysely';

export interface ChannelConversationsTable {
  id: Generated<string>;
  platform: 'line' | 'facebook' | 'x';
  platform_user_id: string;
  /** The conversation engine's state; written as a JSON string. */
  state: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ChannelPendingPhotosTable {
  id: Generated<string>;
  conversation_id: string;
  bytes: Buffer;
  created_at: Generated<Date>;
}

export interface ChannelWebhookEventsTable {
  id: Generated<string>;
  platform: 'line' | 'facebook' | 'x';
  event_id: string;
  received_at: Generated<Date>;
}

export interface ChannelsTables {
  channel_conversations: ChannelConversationsTable;
  channel_pending_photos: ChannelPendingPhotosTable;
  channel_webhook_events: ChannelWebhookEventsTable;
}
