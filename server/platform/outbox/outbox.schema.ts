import { Type } from 'typebox';
import { OUTBOX_CHANNELS } from './outbox.ts';
import { OUTBOX_STATUSES } from './outbox.repository.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const OutboxStatusEnum = Type.Union([
  Type.Literal(OUTBOX_STATUSES.pending), Type.Literal(OUTBOX_STATUSES.delivered), Type.Literal(OUTBOX_STATUSES.failed), Type.Literal(OUTBOX_STATUSES.skipped),
], {
  description: 'pending: waiting or between retries; delivered: the platform accepted it; failed: refused, or gave up after the last retry; skipped: its channel is switched off',
});
export const OutboxChannelEnum = Type.Union([
  Type.Literal(OUTBOX_CHANNELS.line), Type.Literal(OUTBOX_CHANNELS.facebook), Type.Literal(OUTBOX_CHANNELS.x),
  Type.Literal(OUTBOX_CHANNELS.sms), Type.Literal(OUTBOX_CHANNELS.email), Type.Literal(OUTBOX_CHANNELS.appPush),
]);

export const OutboxListQuery = Type.Object({
  status: Type.Optional(Type.Array(OutboxStatusEnum, { maxItems: 4, description: 'Repeat for several: ?status=failed&status=skipped. All when absent.' })),
  channel: Type.Optional(OutboxChannelEnum),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
}, { additionalProperties: false });

export const OutboxItem = Type.Object({
  id: Type.String({ description: 'Outbox message id' }),
  channel: Type.String({ description: 'line, facebook, x, sms, email or app_push' }),
  recipient: Type.String({ description: 'The address, masked (personal data): "U4a…2e", "+668•••••678", "s•••@example.org"' }),
  status: OutboxStatusEnum,
  attempts: Type.Integer({ description: 'Delivery attempts so far' }),
  next_attempt_at: Nullable(DateTime),
  last_error: Nullable(Type.String({ description: "Why the last attempt did not deliver, with the platform's own words where it gave some" })),
  subject: Nullable(Type.Object({ type: Type.String(), id: Type.String() }, { description: 'What the message is about (e.g. report BKK-26-…)' })),
  created_at: DateTime,
  delivered_at: Nullable(DateTime),
  abilities: Type.Object({ retry: Type.Boolean({ description: 'Failed or skipped, and its channel is on' }) }),
});

export const OutboxList = Type.Object({ items: Type.Array(OutboxItem), total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer() });

export const OutboxSummaryQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 7, description: 'Count messages created in this many days (a message is settled within about two hours)' })),
}, { additionalProperties: false });

const Counts = Type.Object({ pending: Type.Integer(), delivered: Type.Integer(), failed: Type.Integer(), skipped: Type.Integer() });

export const OutboxSummary = Type.Object({
  days: Type.Integer(),
  oldest_pending_at: Nullable(DateTime),
  channels: Type.Array(Type.Object({
    channel: OutboxChannelEnum,
    label: Type.String(),
    enabled: Type.Boolean(),
    supported: Type.Boolean({ description: 'False when this version has no transport for the channel at all (e-mail)' }),
    missing_settings: Type.Array(Type.String(), { description: 'Environment variables to set to switch the channel on' }),
    counts: Counts,
  })),
});

export const OutboxIdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) }, { additionalProperties: false });
