import type { ChannelConfig } from '../../config/config.ts';
import type { OutboxChannel } from '../outbox.ts';

/** One message as an adapter sees it: already parsed from the outbox row. */
export interface OutgoingMessage {
  /** The outbox row id: stable across attempts, so platforms can de-duplicate on it. */
  id: string;
  createdAt: Date;
  recipient: string;
  text: string;
  link: string | null;
  subject: { type: string; id: string } | null;
}

/**
 * What one attempt came to. `retry` is the platform's trouble (5xx, 429, network,
 * timeout); `failed` means this message will never be accepted as it is.
 */
export type DeliveryResult =
  | { outcome: 'delivered'; note?: string }
  | { outcome: 'retry'; error: string; retryAfterMs: number | null }
  | { outcome: 'failed'; error: string };

export interface SendContext {
  /** Per-request deadline: a hanging platform costs one timeout, never a stuck worker. */
  timeoutMs: number;
}

export interface ChannelAdapter {
  channel: OutboxChannel;
  /** How staff and logs name it. */
  label: string;
  /**
   * Environment variables still to set before this channel can send; empty when it
   * is on. Names come from the README's configuration table.
   */
  missingSettings(config: ChannelConfig): string[];
  /** False for a channel this version has no transport for (e-mail): always off. */
  supported: boolean;
  send(message: OutgoingMessage, config: ChannelConfig, ctx: SendContext): Promise<DeliveryResult>;
}

/** Names the unset variables in `pairs` ([name, value]). */
export function unset(pairs: Array<[string, string | null]>): string[] {
  return pairs.filter(([, value]) => !value).map(([name]) => name);
}

/** "set A", "set A and B", "set A, B and C". */
export function offReason(adapter: ChannelAdapter, config: ChannelConfig): string | null {
  if (!adapter.supported) return 'this version has no e-mail transport (no SMTP or e-mail gateway settings exist), so e-mail messages are recorded but not sent';
  const missing = adapter.missingSettings(config);
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
  return `set ${list}`;
}

/**
 * The text with the link on its own line, cut to the platform's limit without ever
 * cutting the link (a truncated URL is worse than a shorter sentence).
 */
export function textWithLink(message: Pick<OutgoingMessage, 'text' | 'link'>, maxChars: number): string {
  const tail = message.link ? `\n${message.link}` : '';
  const room = maxChars - tail.length;
  const chars = Array.from(message.text);
  const text = chars.length <= room ? message.text : `${chars.slice(0, Math.max(0, room - 1)).join('')}…`;
  return `${text}${tail}`;
}
