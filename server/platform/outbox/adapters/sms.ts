import type { ChannelAdapter } from './adapter.ts';
import { textWithLink, unset } from './adapter.ts';
import { postJson } from './http.ts';

const SMS_TEXT_MAX = 1000;

/**
 * A phone number in E.164, or null. Thai numbers as people write them (0812345678,
 * 081-234-5678, +66 81 234 5678) become +66812345678.
 */
export function toE164(raw: string): string | null {
  const compact = raw.replace(/[\s\-().]/g, '');
  if (/^0\d{8,9}$/.test(compact)) return `+66${compact.slice(1)}`;
  if (/^66\d{8,9}$/.test(compact)) return `+${compact}`;
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  return null;
}

/**
 * A generic SMS gateway (README "Notifications"): POST SMS_API_URL with JSON
 * {to: E.164, text}, `Authorization: Bearer SMS_API_TOKEN` when the token is set;
 * any 2xx means accepted. Most Thai SMS providers are reached through a small relay
 * speaking this contract.
 */
export const smsAdapter: ChannelAdapter = {
  channel: 'sms',
  label: 'SMS',
  supported: true,
  missingSettings: (c) => unset([['SMS_API_URL', c.smsApiUrl]]),
  send: async (message, config, ctx) => {
    const to = toE164(message.recipient);
    if (!to) return { outcome: 'failed', error: 'SMS: the recipient is not a phone number (expected +66… or 0…)' };
    return postJson({
      label: 'SMS gateway',
      url: config.smsApiUrl ?? '',
      headers: config.smsApiToken ? { authorization: `Bearer ${config.smsApiToken}` } : {},
      body: JSON.stringify({ to, text: textWithLink(message, SMS_TEXT_MAX) }),
      redact: [message.recipient, to],
    }, ctx);
  },
};
