import type { OutboxChannel } from '../outbox.ts';
import type { ChannelAdapter } from './adapter.ts';
import { appPushAdapter } from './app-push.ts';
import { emailAdapter } from './email.ts';
import { facebookAdapter } from './facebook.ts';
import { lineAdapter } from './line.ts';
import { smsAdapter } from './sms.ts';
import { xAdapter } from './x.ts';

/** Every channel's adapter, in the order staff see them. */
export const ADAPTERS: Record<OutboxChannel, ChannelAdapter> = {
  line: lineAdapter,
  facebook: facebookAdapter,
  x: xAdapter,
  sms: smsAdapter,
  email: emailAdapter,
  app_push: appPushAdapter,
};
