import crypto from 'node:crypto';
import type { ChannelAdapter } from './adapter.ts';
import { unset } from './adapter.ts';
import { postJson } from './http.ts';

/** `sha256=<hex HMAC-SHA256 of the raw body>`, as the app's push service verifies it. */
export function appPushSignature(rawBody: string, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/**
 * The mobile app's push service is ours to run (it holds the APNs/FCM keys); we hand
 * it each message as a signed webhook. `X-Demopolis-Delivery` carries the outbox id so
 * the receiver can drop a retried duplicate.
 */
export const appPushAdapter: ChannelAdapter = {
  channel: 'app_push',
  label: 'App push',
  supported: true,
  missingSettings: (c) => unset([['APP_PUSH_WEBHOOK_URL', c.appPushWebhookUrl], ['APP_PUSH_WEBHOOK_SECRET', c.appPushWebhookSecret]]),
  send: (message, config, ctx) => {
    const body = JSON.stringify({ recipient: message.recipient, text: message.text, link: message.link, subject: message.subject });
    return postJson({
      label: 'App push webhook',
      url: config.appPushWebhookUrl ?? '',
      headers: {
        'x-demopolis-signature': appPushSignature(body, config.appPushWebhookSecret ?? ''),
        'x-demopolis-delivery': message.id,
      },
      body,
      redact: [message.recipient],
    }, ctx);
  },
};
