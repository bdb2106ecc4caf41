import crypto from 'node:crypto';
import type { ChannelAdapter } from './adapter.ts';
import { textWithLink, unset } from './adapter.ts';
import { postJson } from './http.ts';

export const GRAPH_API_VERSION = 'v21.0';
/** Messenger's text limit (characters). */
const MESSENGER_TEXT_MAX = 2000;

/**
 * Messenger Send API. `appsecret_proof` (HMAC-SHA256 of the token with the app secret)
 * lets the page turn on "Require App Secret", so a leaked token alone cannot send.
 * Messenger only accepts UPDATE messages within 24 hours of the person's last message;
 * later ones are refused with a 400, which marks the message failed with Facebook's reason.
 */
export const facebookAdapter: ChannelAdapter = {
  channel: 'facebook',
  label: 'Messenger',
  supported: true,
  missingSettings: (c) => unset([['FACEBOOK_APP_SECRET', c.facebookAppSecret], ['FACEBOOK_PAGE_ACCESS_TOKEN', c.facebookPageAccessToken]]),
  send: (message, config, ctx) => {
    const token = config.facebookPageAccessToken ?? '';
    const proof = crypto.createHmac('sha256', config.facebookAppSecret ?? '').update(token).digest('hex');
    const query = new URLSearchParams({ access_token: token, appsecret_proof: proof });
    return postJson({
      label: 'Messenger',
      url: `${config.facebookApiBaseUrl}/${GRAPH_API_VERSION}/me/messages?${query.toString()}`,
      headers: {},
      body: JSON.stringify({ recipient: { id: message.recipient }, messaging_type: 'UPDATE', message: { text: textWithLink(message, MESSENGER_TEXT_MAX) } }),
      redact: [message.recipient],
    }, ctx);
  },
};
