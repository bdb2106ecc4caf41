/**
 * X (Account Activity API) webhook: the CRC check, and POSTed account activity verified
 * by x-twitter-webhooks-signature. Direct messages run the shared conversation; a
 * public mention carrying a place and a photo is filed at once (a post cannot hold a
 * dialogue), and whatever is missing is asked for by direct message.
 */
import type { FastifyInstance } from 'fastify';
import type { ChannelConfig } from '../../platform/config/config.ts';
import { AppError } from '../../platform/http/problem.ts';
import type { MediaSource } from './platform-media.ts';
import type { ChannelsService, InboundEvent } from './channels.service.ts';
import { verifyXSignature, xCrcResponseToken } from './webhook-signature.ts';
import { arr, badSignature, channelOff, isObject, keepRawBodies, malformed, num, parseJson, rawBody, str, webhookLimit } from './webhook.common.ts';

type Json = Record<string, unknown>;
const TCO = /https?:\/\/t\.co\/\w+/g;

function photoSources(media: unknown[], bearer: string | null): { media: MediaSource[]; unsupported: boolean } {
  const out: MediaSource[] = [];
  let unsupported = false;
  for (const item of media) {
    if (!isObject(item)) continue;
    const url = str(item.media_url_https) ?? str(item.media_url);
    if (item.type === 'photo' && url) out.push({ url, bearer });
    else unsupported = true;
  }
  return { media: out, unsupported };
}

/** [lng, lat] from a GeoJSON point, or the middle of a place's bounding box. */
function pointOf(tweet: Json): InboundEvent['location'] {
  const coordinates = isObject(tweet.coordinates) ? arr(tweet.coordinates.coordinates) : [];
  if (coordinates.length === 2 && num(coordinates[0]) !== null && num(coordinates[1]) !== null) {
    return { lng: num(coordinates[0])!, lat: num(coordinates[1])!, address: isObject(tweet.place) ? str(tweet.place.full_name) : null };
  }
  const place = isObject(tweet.place) ? tweet.place : null;
  const ring = place && isObject(place.bounding_box) ? arr(arr(place.bounding_box.coordinates)[0]) : [];
  const points = ring.map(arr).filter((p) => num(p[0]) !== null && num(p[1]) !== null) as number[][];
  if (points.length === 0) return null;
  const mean = (i: number) => points.reduce((sum, p) => sum + p[i]!, 0) / points.length;
  return { lng: mean(0), lat: mean(1), address: str(place!.full_name) };
}

function directMessage(event: Json, ownId: string, bearer: string | null): InboundEvent | null {
  const create = isObject(event.message_create) ? event.message_create : null;
  const id = str(event.id);
  if (event.type !== 'message_create' || !create || !id) return null;
  const userId = str(create.sender_id);
  // Our own account's outgoing messages come back too.
  if (!userId || userId === ownId) return null;
  const data = isObject(create.message_data) ? create.message_data : {};
  const attachment = isObject(data.attachment) ? data.attachment : null;
  let photos = { media: [] as MediaSource[], unsupported: false };
  let location: InboundEvent['location'] = null;
  if (attachment?.type === 'media' && isObject(attachment.media)) photos = photoSources([attachment.media], bearer);
  if (attachment?.type === 'location' && isObject(attachment.location)) {
    const shared = isObject(attachment.location.shared_coordinate) ? attachment.location.shared_coordinate : {};
    location = pointOf({ coordinates: shared.coordinates });
  }
  // The text of a DM with a photo ends with the photo's t.co link.
  const text = (str(data.text) ?? '').replace(TCO, '').trim();
  return { platform: 'x', eventId: `dm:${id}`, userId, text, location, media: photos.media, unsupported: photos.unsupported && !text && photos.media.length === 0 };
}

function mention(tweet: Json, ownId: string, bearer: string | null): InboundEvent | null {
  const id = str(tweet.id_str);
  const user = isObject(tweet.user) ? tweet.user : {};
  const userId = str(user.id_str);
  if (!id || !userId || userId === ownId || tweet.retweeted_status !== undefined) return null;
  const extended = isObject(tweet.extended_tweet) ? tweet.extended_tweet : null;
  const entities = isObject(extended?.entities) ? extended.entities : isObject(tweet.entities) ? tweet.entities : {};
  const mentioned = arr(entities.user_mentions).some((m) => isObject(m) && str(m.id_str) === ownId);
  if (!mentioned && str(tweet.in_reply_to_user_id_str) !== ownId) return null;
  const extendedEntities = isObject(extended?.extended_entities) ? extended.extended_entities : isObject(tweet.extended_entities) ? tweet.extended_entities : {};
  const photos = photoSources(arr(extendedEntities.media), bearer);
  const fullText = str(extended?.full_text) ?? str(tweet.full_text) ?? str(tweet.text) ?? '';
  const text = fullText.replace(TCO, '').replace(/(^|\s)@\w+/g, ' ').replace(/\s+/g, ' ').trim();
  const location = pointOf(tweet);
  // A mention with neither a place nor a photo is conversation, not a report.
  if (!location && photos.media.length === 0) return null;
  return { platform: 'x', eventId: `tweet:${id}`, userId, text, location, media: photos.media, fileWhenComplete: true };
}

export function xEvents(payload: unknown, channels: ChannelConfig): InboundEvent[] {
  if (!isObject(payload) || !str(payload.for_user_id)) throw malformed('expected {"for_user_id": "...", ...events}');
  const ownId = str(payload.for_user_id)!;
  const out: InboundEvent[] = [];
  for (const event of arr(payload.direct_message_events)) {
    const inbound = isObject(event) ? directMessage(event, ownId, channels.xAccessToken) : null;
    if (inbound) out.push(inbound);
  }
  for (const tweet of arr(payload.tweet_create_events)) {
    const inbound = isObject(tweet) ? mention(tweet, ownId, channels.xAccessToken) : null;
    if (inbound) out.push(inbound);
  }
  return out;
}

export async function xWebhook(app: FastifyInstance, opts: { service: ChannelsService; channels: ChannelConfig }) {
  const { service, channels } = opts;
  const secret = channels.xConsumerSecret;
  if (!secret) app.log.info('X channel is off: X_CONSUMER_SECRET is not set');
  keepRawBodies(app);
  const meta = { tags: ['channels'] };

  app.get<{ Querystring: Record<string, string | undefined> }>('/channels/x/webhook', {
    config: webhookLimit('x'),
    schema: { ...meta, summary: 'X challenge-response check: crc_token → response_token (sha256=base64 HMAC with the consumer secret)' },
  }, async (request) => {
    if (!secret) throw channelOff('X', 'X_CONSUMER_SECRET');
    const token = request.query.crc_token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 512) {
      throw new AppError(400, 'crc_token_required', { th: 'ต้องระบุ crc_token', en: 'crc_token is required' });
    }
    return { response_token: xCrcResponseToken(secret, token) };
  });

  app.post('/channels/x/webhook', {
    config: webhookLimit('x'),
    schema: { ...meta, summary: 'X account activity (direct messages, mentions)', description: 'Signed with x-twitter-webhooks-signature (sha256=base64 HMAC of the raw body with the consumer secret). Idempotent on the event id.' },
  }, async (request) => {
    if (!secret) throw channelOff('X', 'X_CONSUMER_SECRET');
    const raw = rawBody(request);
    if (!verifyXSignature(secret, raw, request.headers['x-twitter-webhooks-signature'])) throw badSignature('x-twitter-webhooks-signature');
    const events = xEvents(parseJson(raw), channels);
    let duplicates = 0;
    for (const event of events) if ((await service.receive(event, request.log)) === 'duplicate') duplicates += 1;
    return { received: events.length, duplicates };
  });
}
