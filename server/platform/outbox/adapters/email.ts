import type { ChannelAdapter } from './adapter.ts';

/**
 * E-mail has no transport in this version: there are no SMTP or e-mail gateway
 * settings, so the channel is always off and its messages are marked skipped with
 * that reason (staff see them; nothing pretends to have been sent).
 */
export const emailAdapter: ChannelAdapter = {
  channel: 'email',
  label: 'E-mail',
  supported: false,
  missingSettings: () => [],
  send: async () => ({ outcome: 'failed', error: 'E-mail: no transport in this version' }),
};
