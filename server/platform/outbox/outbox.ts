import type { Tx } from '../db/database.ts';

/** Where a message can go. Each has a delivery adapter in the outbox worker. */
export const OUTBOX_CHANNELS = {
  line: 'line',
  facebook: 'facebook',
  x: 'x',
  sms: 'sms',
  email: 'email',
  appPush: 'app_push',
} as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[keyof typeof OUTBOX_CHANNELS];

export interface OutboxMessage {
  channel: OutboxChannel;
  /** The channel's address: LINE user id, Messenger PSID, X user id, +66 phone, e-mail, app device token. */
  recipient: string;
  /** The text to send, already in the person's language. */
  text: string;
  /** A link to add where the channel supports one (the report page). */
  link?: string;
  /** What the message is about, for staff looking at deliveries. */
  subject?: { type: string; id: string };
}

/**
 * Queues a message in the caller's transaction: it is sent if and only if the change
 * that caused it commits. The outbox worker delivers it, with retries.
 */
export async function enqueue(trx: Tx, message: OutboxMessage): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      channel: message.channel,
      recipient: message.recipient,
      payload: JSON.stringify({ text: message.text, link: message.link ?? null, subject: message.subject ?? null }),
    })
    .execute();
}
