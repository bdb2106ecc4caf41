import crypto from 'node:crypto';
import type { ChannelAdapter } from './adapter.ts';
import { textWithLink, unset } from './adapter.ts';
import { postJson } from './http.ts';

/** LINE's text message limit (characters). */
const LINE_TEXT_MAX = 5000;

/**
 * X-Line-Retry-Key: a UUID stable for one message, so a push retried after a timeout
 * that LINE did in fact accept is answered 409 instead of being sent twice.
 */
export function lineRetryKey(messageId: string, createdAt: Date): string {
  const h = crypto.createHash('sha256').update(`demopolis-outbox:${messageId}:${createdAt.toISOString()}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** LINE Messaging API push: POST /v2/bot/message/push. */
export const lineAdapter: ChannelAdapter = {
  channel: 'line',
  label: 'LINE',
  supported: true,
  missingSettings: (c) => unset([['LINE_CHANNEL_SECRET', c.lineChannelSecret], ['LINE_CHANNEL_ACCESS_TOKEN', c.lineChannelAccessToken]]),
  send: (message, config, ctx) =>
    postJson({
      label: 'LINE',
      url: `${config.lineApiBaseUrl}/v2/bot/message/push`,
      headers: {
        authorization: `Bearer ${config.lineChannelAccessToken}`,
        'x-line-retry-key': lineRetryKey(message.id, message.createdAt),
      },
      body: JSON.stringify({ to: message.recipient, messages: [{ type: 'text', text: textWithLink(message, LINE_TEXT_MAX) }] }),
      redact: [message.recipient],
      // 409 with a retry key = "already accepted": an earlier attempt got through.
      special: (status) => (status === 409 ? { outcome: 'delivered', note: 'accepted by an earlier attempt (same X-Line-Retry-Key)' } : null),
    }, ctx),
};
