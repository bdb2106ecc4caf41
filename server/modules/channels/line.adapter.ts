/**
 * LINE Messaging API webhook: verifies X-Line-Signature over the raw body, then turns
 * each event into the shared conversation's input. Replies leave through the outbox.
 */
import type { FastifyInstance } from 'fastify';
import type { ChannelConfig } from '../../platform/config/config.ts';
import type { ChannelsService, InboundEvent } from './channels.service.ts';
import { verifyLineSignature } from './webhook-signature.ts';
import { badSignature, channelOff, isObject, keepRawBodies, malformed, num, parseJson, rawBody, str, webhookLimit } from './webhook.common.ts';

/** Message content lives on api-data.line.me; a test or proxy base URL serves both. */
export function lineContentBase(apiBaseUrl: string): string {
  return apiBaseUrl === 'https://api.line.me' ? 'https://api-data.line.me' : apiBaseUrl;
}

/** The events of one webhook body, in order. Events this bot does not act on are left out. */
export function lineEvents(payload: unknown, channels: ChannelConfig): InboundEvent[] {
  if (!isObject(payload) || !Array.isArray(payload.events)) throw malformed('expected {"events": [...]}');
  const out: InboundEvent[] = [];
  for (const event of payload.events) {
    if (!isObject(event)) throw malformed('every event must be an object');
    const source = isObject(event.source) ? event.source : {};
    const userId = str(source.userId);
    // One-to-one chats only; in standby mode another module owns the chat.
    if (source.type !== 'user' || !userId || event.mode === 'standby') continue;
    const message = isObject(event.message) ? event.message : null;
    const eventId = str(event.webhookEventId) ?? (message && str(message.id) ? `message:${str(message.id)}` : null);
    if (!eventId) continue;
    const base = { platform: 'line' as const, eventId, userId };
    if (event.type === 'follow') out.push({ ...base, follow: true });
    else if (event.type === 'unfollow') out.push({ ...base, unfollow: true });
    else if (event.type === 'message' && message) out.push({ ...base, ...lineMessage(message, channels) });
  }
  return out;
}

function lineMessage(message: Record<string, unknown>, channels: ChannelConfig): Partial<InboundEvent> {
  switch (message.type) {
    case 'text':
      return { text: str(message.text) ?? '' };
    case 'location': {
      const lat = num(message.latitude);
      const lng = num(message.longitude);
      if (lat === null || lng === null) return { unsupported: true };
      return { location: { lat, lng, address: str(message.address) ?? str(message.title) } };
    }
    case 'image': {
      const provider = isObject(message.contentProvider) ? message.contentProvider : {};
      const external = provider.type === 'external' ? str(provider.originalContentUrl) : null;
      const id = str(message.id);
      if (external) return { media: [{ url: external, bearer: null }] };
      if (!id) return { unsupported: true };
      return { media: [{ url: `${lineContentBase(channels.lineApiBaseUrl)}/v2/bot/message/${encodeURIComponent(id)}/content`, bearer: channels.lineChannelAccessToken }] };
    }
    default:
      return { unsupported: true };
  }
}

export async function lineWebhook(app: FastifyInstance, opts: { service: ChannelsService; channels: ChannelConfig }) {
  const { service, channels } = opts;
  const secret = channels.lineChannelSecret;
  if (!secret) app.log.info('LINE channel is off: LINE_CHANNEL_SECRET is not set');
  else if (!channels.lineChannelAccessToken) app.log.warn('LINE channel: LINE_CHANNEL_ACCESS_TOKEN is not set; photos cannot be fetched and replies cannot be sent');
  keepRawBodies(app);

  app.post('/channels/line/webhook', {
    config: webhookLimit('line'),
    schema: {
      tags: ['channels'],
      summary: 'LINE Messaging API webhook',
      description: 'Signed with X-Line-Signature (base64 HMAC-SHA256 of the raw body with the channel secret). Redeliveries (same webhookEventId) are processed once. 404 when LINE_CHANNEL_SECRET is unset.',
    },
  }, async (request) => {
    if (!secret) throw channelOff('LINE', 'LINE_CHANNEL_SECRET');
    const raw = rawBody(request);
    if (!verifyLineSignature(secret, raw, request.headers['x-line-signature'])) throw badSignature('X-Line-Signature');
    const events = lineEvents(parseJson(raw), channels);
    let duplicates = 0;
    for (const event of events) if ((await service.receive(event, request.log)) === 'duplicate') duplicates += 1;
    return { received: events.length, duplicates };
  });
}
