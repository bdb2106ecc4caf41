/**
 * Shared by the chat-channel integration tests: table counts ("nothing stored"), the
 * replies queued for a person, and webhook bodies in each platform's real format.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.ts';

/** Every table a webhook can write to, directly or through the intake service. */
const WRITTEN_TABLES = [
  'channel_conversations', 'channel_pending_photos', 'channel_webhook_events', 'outbox', 'audit_log',
  'reports', 'report_photos', 'report_events', 'report_subscriptions',
] as const;

export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of WRITTEN_TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

export interface QueuedReply { id: string; channel: string; text: string; link: string | null; subject: { type: string; id: string } | null }

export async function repliesTo(db: Db, recipient: string): Promise<QueuedReply[]> {
  const rows = await db.selectFrom('outbox').select(['id', 'channel', 'payload']).where('recipient', '=', recipient).orderBy('id').execute();
  return rows.map((r) => {
    const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { text: string; link: string | null; subject: QueuedReply['subject'] };
    return { id: r.id, channel: r.channel, text: p.text, link: p.link, subject: p.subject };
  });
}

export async function lastReply(db: Db, recipient: string): Promise<QueuedReply> {
  const all = await repliesTo(db, recipient);
  if (all.length === 0) throw new Error(`no reply queued for ${recipient}`);
  return all.at(-1)!;
}

export async function conversationOf(db: Db, platform: 'line' | 'facebook' | 'x', userId: string) {
  return db.selectFrom('channel_conversations').selectAll().where('platform', '=', platform).where('platform_user_id', '=', userId).executeTakeFirst();
}

export async function reportByChannelUser(db: Db, channel: string, address: string) {
  return db
    .selectFrom('reports')
    .innerJoin('report_subscriptions', 'report_subscriptions.report_id', 'reports.id')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select(['reports.id', 'reports.code', 'reports.channel', 'reports.district_code', 'reports.description', 'reports.state', 'reports.category_id', 'agencies.code as agency_code'])
    .where('report_subscriptions.channel', '=', channel)
    .where('report_subscriptions.address', '=', address)
    .orderBy('reports.id', 'desc')
    .executeTakeFirst();
}

export const hex = (bytes: number) => crypto.randomBytes(bytes).toString('hex');
export const lineUserId = () => `U${hex(16)}`;
export const numericId = () => String(BigInt(`0x${hex(7)}`));

/** Posts a raw body with the given headers, exactly as a platform would. */
export function postRaw(app: FastifyInstance, url: string, raw: string, headers: Record<string, string>) {
  return app.inject({ method: 'POST', url, payload: raw, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

// ---- LINE Messaging API webhook bodies
let lineSeq = 0;
export function lineEvent(userId: string, message: Record<string, unknown> | null, extra: Record<string, unknown> = {}) {
  lineSeq += 1;
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId: `01H${hex(12).toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
    replyToken: hex(16),
    ...(message ? { message: { id: String(480000000000000 + lineSeq), ...message } } : {}),
    ...extra,
  };
}
export const lineBody = (...events: unknown[]) => JSON.stringify({ destination: `U${'0'.repeat(32)}`, events });

// ---- Messenger webhook bodies
export function messengerBody(psid: string, message: Record<string, unknown>, pageId = '1122334455') {
  const now = Date.now();
  return JSON.stringify({
    object: 'page',
    entry: [{ id: pageId, time: now, messaging: [{ sender: { id: psid }, recipient: { id: pageId }, timestamp: now, message: { mid: `m_${hex(20)}`, ...message } }] }],
  });
}

// ---- X Account Activity bodies
export function xDirectMessage(ownId: string, senderId: string, text: string, attachment?: Record<string, unknown>) {
  return JSON.stringify({
    for_user_id: ownId,
    direct_message_events: [{
      type: 'message_create',
      id: numericId(),
      created_timestamp: String(Date.now()),
      message_create: {
        target: { recipient_id: ownId },
        sender_id: senderId,
        message_data: { text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] }, ...(attachment ? { attachment } : {}) },
      },
    }],
    users: { [senderId]: { id: senderId, name: 'Somchai', screen_name: 'somchai_bkk' }, [ownId]: { id: ownId, name: 'Bangkok City', screen_name: 'BangkokCity' } },
  });
}
