import type { ChannelAdapter } from './adapter.ts';
import { textWithLink, unset } from './adapter.ts';
import { postJson } from './http.ts';

/** X DM text limit (characters). */
const X_DM_TEXT_MAX = 10_000;

/** X API v2 direct message to a user id: POST /2/dm_conversations/with/{id}/messages. */
export const xAdapter: ChannelAdapter = {
  channel: 'x',
  label: 'X',
  supported: true,
  missingSettings: (c) => unset([['X_CONSUMER_SECRET', c.xConsumerSecret], ['X_ACCESS_TOKEN', c.xAccessToken]]),
  send: (message, config, ctx) =>
    postJson({
      label: 'X',
      url: `${config.xApiBaseUrl}/2/dm_conversations/with/${encodeURIComponent(message.recipient)}/messages`,
      headers: { authorization: `Bearer ${config.xAccessToken}` },
      body: JSON.stringify({ text: textWithLink(message, X_DM_TEXT_MAX) }),
      redact: [message.recipient],
    }, ctx),
};
