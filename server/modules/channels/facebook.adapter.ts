/**
 * Facebook Messenger webhook: the GET verification handshake, and POSTed page events
 * verified by X-Hub-Signature-256 before anything is read. Same conversation as LINE.
 */
import type { FastifyInstance } from 'fastify';
import type { ChannelConfig } from '../../platform/config/config.ts';
import { AppError } from '../../platform/http/problem.ts';
import type { MediaSource } from './platform-media.ts';
import type { ChannelsService, InboundEvent } from './channels.service.ts';
import { secretEquals, verifyFacebookSignature } from './webhook-signature.ts';
import { arr, badSignature, channelOff, isObject, keepRawBodies, malformed, num, parseJson, rawBody, str, webhookLimit } from './webhook.common.ts';

/** The Messenger "Get Started" button's postback opens the conversation like a LINE follow. */
const GET_STARTED = 'GET_STARTED';

export function facebookEvents(payload: unknown): InboundEvent[] {
  if (!isObject(payload) || !Array.isArray(payload.entry)) throw malformed('expected {"object": "page", "entry": [...]}');
  if (payload.object !== 'page') return [];
  const out: InboundEvent[] = [];
  for (const entry of payload.entry) {
    if (!isObject(entry)) throw malformed('every entry must be an object');
    for (const messaging of arr(entry.messaging)) {
      if (!isObject(messaging)) continue;
      const userId = isObject(messaging.sender) ? str(messaging.sender.id) : null;
      if (!userId) continue;
      const message = isObject(messaging.message) ? messaging.message : null;
      const postback = isObject(messaging.postback) ? messaging.postback : null;
      // Echoes are the page's own messages; deliveries and reads change nothing.
      if (message && message.is_echo !== true) {
        const mid = str(message.mid);
        if (mid) out.push({ platform: 'facebook', eventId: mid, userId, ...facebookMessage(message) });
      } else if (postback) {
        const mid = str(postback.mid) ?? `postback:${userId}:${String(messaging.timestamp ?? '')}`;
        if (postback.payload === GET_STARTED) out.push({ platform: 'facebook', eventId: mid, userId, follow: true });
        else out.push({ platform: 'facebook', eventId: mid, userId, text: str(postback.title) ?? str(postback.payload) ?? '' });
      }
    }
  }
  return out;
}

function facebookMessage(message: Record<string, unknown>): Partial<InboundEvent> {
  const media: MediaSource[] = [];
  let location: InboundEvent['location'] = null;
  let unsupported = false;
  for (const attachment of arr(message.attachments)) {
    if (!isObject(attachment)) continue;
    const payload = isObject(attachment.payload) ? attachment.payload : {};
    const coordinates = isObject(payload.coordinates) ? payload.coordinates : null;
    const url = str(payload.url);
    if (attachment.type === 'image' && url && payload.sticker_id === undefined) {
      media.push({ url, bearer: null });
    } else if (attachment.type === 'location' && coordinates && num(coordinates.lat) !== null && num(coordinates.long) !== null) {
      location = { lat: num(coordinates.lat)!, lng: num(coordinates.long)!, address: str(attachment.title) };
    } else {
      unsupported = true;
    }
  }
  const text = str(message.text);
  return { text, location, media, unsupported: unsupported && !text && !location && media.length === 0 };
}

export async function facebookWebhook(app: FastifyInstance, opts: { service: ChannelsService; channels: ChannelConfig }) {
  const { service, channels } = opts;
  const secret = channels.facebookAppSecret;
  if (!secret) app.log.info('Facebook Messenger channel is off: FACEBOOK_APP_SECRET is not set');
  else if (!channels.facebookVerifyToken) app.log.warn('Facebook Messenger channel: FACEBOOK_VERIFY_TOKEN is not set; the webhook cannot be verified');
  keepRawBodies(app);
  const meta = { tags: ['channels'] };

  app.get<{ Querystring: Record<string, string | undefined> }>('/channels/facebook/webhook', {
    config: webhookLimit('facebook'),
    schema: { ...meta, summary: 'Messenger webhook verification (hub.mode, hub.verify_token, hub.challenge)' },
  }, async (request, reply) => {
    if (!secret) throw channelOff('Facebook Messenger', 'FACEBOOK_APP_SECRET');
    const q = request.query;
    const expected = channels.facebookVerifyToken;
    const token = q['hub.verify_token'];
    const challenge = q['hub.challenge'];
    if (q['hub.mode'] !== 'subscribe' || !expected || typeof token !== 'string' || !secretEquals(expected, token) || typeof challenge !== 'string') {
      throw new AppError(403, 'verification_failed', { th: 'การยืนยัน webhook ไม่ถูกต้อง', en: 'Webhook verification failed: wrong hub.mode or hub.verify_token' });
    }
    return reply.type('text/plain').send(challenge);
  });

  app.post('/channels/facebook/webhook', {
    config: webhookLimit('facebook'),
    schema: { ...meta, summary: 'Messenger webhook events', description: 'Signed with X-Hub-Signature-256 (sha256=hex HMAC of the raw body with the app secret). Idempotent on message.mid.' },
  }, async (request) => {
    if (!secret) throw channelOff('Facebook Messenger', 'FACEBOOK_APP_SECRET');
    const raw = rawBody(request);
    if (!verifyFacebookSignature(secret, raw, request.headers['x-hub-signature-256'])) throw badSignature('X-Hub-Signature-256');
    const events = facebookEvents(parseJson(raw));
    let duplicates = 0;
    for (const event of events) if ((await service.receive(event, request.log)) === 'duplicate') duplicates += 1;
    return { received: events.length, duplicates };
  });
}
