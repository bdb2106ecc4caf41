/**
 * Runs the shared conversation for every chat platform: fetches what the engine needs
 * (photos, a report's status), then in one transaction marks the platform's event as
 * handled, moves the conversation, keeps the photos, queues the replies in the outbox
 * and audits the change. Filing goes through the reports intake service like every
 * other channel.
 */
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit.ts';
import { sha256Hex } from '../../platform/auth/tokens.ts';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { locateDistrict } from '../../platform/geo/locator.ts';
import { AppError } from '../../platform/http/problem.ts';
import { processPhoto } from '../../platform/media/image-pipeline.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import { categoryReference } from '../organization/reference-data.ts';
import type { ReportsServices } from '../reports/reports.module.ts';
import { channelsRepository as repo } from './channels.repository.ts';
import {
  afterFiled, afterFilingFailed, CONVERSATION_TTL_MS, detectLocale, freshState, handle, MAX_PHOTOS, parseCommand,
  type CategoryChoice, type ChatPlatform, type ConversationState, type EngineContext, type Inbound, type Outcome,
  type PhotoProblem, type Reply, type StatusLookup, type StatusReport,
} from './conversation.engine.ts';
import { fetchMedia, MediaFetchError, type MediaSource } from './platform-media.ts';

/** One thing a person did on a platform, as an adapter read it from the webhook. */
export interface InboundEvent {
  platform: ChatPlatform;
  /** The platform's own id for this event: redeliveries carry the same one. */
  eventId: string;
  /** LINE user id, Messenger PSID, X user id: where replies go. */
  userId: string;
  text?: string | null;
  location?: { lat: number; lng: number; address?: string | null } | null;
  media?: MediaSource[];
  unsupported?: boolean;
  follow?: boolean;
  /** The person left (LINE unfollow): their draft is deleted. */
  unfollow?: boolean;
  fileWhenComplete?: boolean;
}

export interface ChannelsDeps {
  db: Db;
  config: AppConfig;
  reports: ReportsServices;
}

const EVENT_RETENTION_MS = 7 * 24 * 3600 * 1000;
const PURGE_EVERY_MS = 10 * 60 * 1000;
const FALLBACK_CATEGORIES = ['complaint', 'road', 'cleanliness'];

/** A pseudonym for the audit trail: the same person is recognisable, the platform id is not. */
export function actorFor(platform: ChatPlatform, userId: string): Actor {
  return { userId: null, label: `${platform}:${sha256Hex(`${platform}:${userId}`).slice(0, 12)}`, channel: platform };
}

/** What the audit keeps of a conversation: its shape, never the person's words or position. */
function auditView(s: ConversationState | null) {
  if (!s) return null;
  return { step: s.step, locale: s.locale, has_description: Boolean(s.description), district: s.location?.district_en ?? null, photos: s.photos, no_photo: s.noPhoto, category: s.category?.code ?? null };
}

function parseState(raw: unknown): ConversationState {
  const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<ConversationState> | null;
  return value && value.v === 1 ? { ...freshState(), ...value } : freshState();
}

export function createChannelsService(deps: ChannelsDeps) {
  const { db, config, reports } = deps;
  let lastPurge = 0;

  const fallback: CategoryChoice[] = FALLBACK_CATEGORIES.flatMap((code) => {
    const c = categoryReference().find((entry) => entry.code === code);
    return c ? [{ code: c.code, name_th: c.name_th, name_en: c.name_en }] : [];
  });

  function context(now: Date): EngineContext {
    return {
      now,
      publicUrl: config.publicUrl,
      suggest: (text) => {
        const found = reports.suggester.suggest(text, 3).map(({ code, name_th, name_en }) => ({ code, name_th, name_en }));
        return found.length > 0 ? found : fallback;
      },
      locate: (lat, lng) => {
        try {
          const found = locateDistrict(lat, lng);
          return found.inside ? { inside: true, district_th: found.district.name_th, district_en: found.district.name_en } : { inside: false };
        } catch {
          return { inside: false };
        }
      },
    };
  }

  async function lookupStatus(code: string): Promise<StatusLookup> {
    try {
      const d = await reports.query.detail(code, null, null);
      const report: StatusReport = {
        code: d.code, state: d.state, close_reason: d.close_reason, category: d.category,
        district: d.location.district, agency: d.agency, created_at: d.created_at,
      };
      return { code, report };
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return { code, report: null };
      return { code, report: null, unavailable: true };
    }
  }

  /** Fetches and checks the photos before any transaction: a bad file never gets near the database. */
  async function preparePhotos(sources: MediaSource[], log: FastifyBaseLogger): Promise<{ photos: Buffer[]; problem: PhotoProblem | null }> {
    const photos: Buffer[] = [];
    let problem: PhotoProblem | null = null;
    for (const source of sources.slice(0, MAX_PHOTOS)) {
      try {
        const bytes = await fetchMedia(source);
        photos.push((await processPhoto(bytes)).full);
      } catch (error) {
        if (error instanceof MediaFetchError) {
          log.warn({ reason: error.message }, 'could not fetch a chat photo');
          problem = error.tooLarge ? 'too_large' : 'unavailable';
        } else if (error instanceof AppError) {
          problem = error.code === 'not_an_image' ? 'not_an_image' : 'too_large';
        } else {
          throw error;
        }
      }
    }
    return { photos, problem };
  }

  async function deliver(trx: Tx, platform: ChatPlatform, userId: string, replies: Reply[], subject?: { type: string; id: string }) {
    // The outbox carries text and a link (its adapters put the link on its own line). Quick-reply
    // buttons (reply.quickReplies) need an outbox field first; the text lists the same options.
    for (const reply of replies) await enqueue(trx, { channel: platform, recipient: userId, text: reply.text, link: reply.link, subject });
    // Queuing a message is a change too: audited under the pseudonym, without the words.
    if (replies.length > 0) {
      await recordAudit(trx, actorFor(platform, userId), {
        action: 'channel.reply', entityType: 'channel_person', entityId: actorFor(platform, userId).label, after: { messages: replies.length, subject: subject ?? null },
      });
    }
  }

  async function persist(trx: Tx, event: { platform: ChatPlatform; userId: string }, before: ConversationState | null, outcome: Outcome, photos: Buffer[], now: Date, action: string) {
    const id = await repo.saveConversation(trx, event.platform, event.userId, outcome.state, now, new Date(now.getTime() + CONVERSATION_TTL_MS));
    if (outcome.discardPhotos) await repo.deletePhotos(trx, id);
    for (const bytes of photos.slice(0, outcome.keepPhotos)) await repo.addPhoto(trx, id, bytes);
    await recordAudit(trx, actorFor(event.platform, event.userId), {
      action, entityType: 'channel_conversation', entityId: id, before: auditView(before), after: auditView(outcome.state),
    });
    return id;
  }

  /** Handles one event; 'duplicate' when the platform had delivered it before. */
  async function receive(event: InboundEvent, log: FastifyBaseLogger): Promise<'handled' | 'duplicate'> {
    if (await repo.eventSeen(db, event.platform, event.eventId)) return 'duplicate';
    const text = event.text?.trim() || null;
    const command = text && !event.location && !event.media?.length ? parseCommand(text) : null;
    const status = command?.kind === 'status' && command.code ? await lookupStatus(command.code) : null;
    const { photos, problem } = event.media?.length ? await preparePhotos(event.media, log) : { photos: [], problem: null };
    const inbound: Inbound = {
      text, location: event.location ?? null, photos: photos.length, photoProblem: problem,
      unsupported: event.unsupported, follow: event.follow, fileWhenComplete: event.fileWhenComplete, status,
    };

    const now = new Date();
    const result = await db.transaction().execute(async (trx) => {
      if (!(await repo.markEvent(trx, event.platform, event.eventId))) return null;
      await repo.lockPerson(trx, event.platform, event.userId);
      const row = await repo.findConversation(trx, event.platform, event.userId);
      let before: ConversationState | null = row ? parseState(row.state) : null;
      if (row && (row.expires_at.getTime() <= now.getTime() || event.unfollow)) {
        // Forgotten after a day of silence, or at once when the person leaves.
        await repo.deleteConversation(trx, row.id);
        await recordAudit(trx, event.unfollow ? actorFor(event.platform, event.userId) : SYSTEM_ACTOR('channels'), {
          action: event.unfollow ? 'channel.conversation.end' : 'channel.conversation.expire',
          entityType: 'channel_conversation', entityId: row.id, before: auditView(before), after: null,
        });
        before = null;
      }
      if (event.unfollow) return { outcome: null, id: null };
      const start = before ?? freshState(text ? detectLocale(text, 'th') : 'th');
      const outcome = handle(start, inbound, context(now));
      let id = row && before ? row.id : null;
      if (outcome.action) id = await persist(trx, event, before, outcome, photos, now, `channel.conversation.${outcome.action}`);
      await deliver(trx, event.platform, event.userId, outcome.replies);
      return { outcome, id };
    });
    if (result === null) return 'duplicate';
    if (result.outcome?.file && result.id) await file(event, result.id, result.outcome.state, log);
    await housekeeping(log);
    return 'handled';
  }

  /** Files the confirmed draft through the intake service, then answers with the tracking number (or why not). */
  async function file(event: InboundEvent, conversationId: string, state: ConversationState, log: FastifyBaseLogger) {
    const actor = actorFor(event.platform, event.userId);
    let filed: { code: string; agency: { name_th: string; name_en: string } | null } | null = null;
    let reason: { code: string; th: string; en: string } | null = null;
    try {
      const photos = await repo.photos(db, conversationId);
      const { code } = await reports.intake.create(
        { category: state.category!.code, description: state.description!, lat: state.location!.lat, lng: state.location!.lng, address: state.location!.address },
        photos,
        { user: null, actor, channel: event.platform, notify: { channel: event.platform, address: event.userId, locale: state.locale } },
      );
      const detail = await reports.query.detail(code, null, null).catch(() => null);
      filed = { code, agency: detail?.agency ?? null };
    } catch (error) {
      if (error instanceof AppError && error.status < 500) reason = { code: error.code, ...error.text };
      else log.error({ err: error }, 'filing a chat report failed');
    }
    const now = new Date();
    await db.transaction().execute(async (trx) => {
      await repo.lockPerson(trx, event.platform, event.userId);
      const row = await repo.findConversation(trx, event.platform, event.userId);
      const current = row ? parseState(row.state) : state;
      const outcome = filed ? afterFiled(current, filed, context(now)) : afterFilingFailed(current, reason);
      await persist(trx, event, current, outcome, [], now, filed ? 'channel.conversation.file' : 'channel.conversation.filing_failed');
      await deliver(trx, event.platform, event.userId, outcome.replies, filed ? { type: 'report', id: filed.code } : undefined);
    });
  }

  /** Now and then (at most every ten minutes per instance), forget expired drafts and old event ids. */
  async function housekeeping(log: FastifyBaseLogger) {
    const now = Date.now();
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    try {
      await db.transaction().execute(async (trx) => {
        const purged = await repo.purge(trx, new Date(now), new Date(now - EVENT_RETENTION_MS));
        if (purged.conversations > 0) {
          await recordAudit(trx, SYSTEM_ACTOR('channels'), { action: 'channel.conversation.purge', entityType: 'channel_conversation', entityId: '*', after: { expired: purged.conversations } });
        }
      });
    } catch (error) {
      log.warn({ err: error }, 'channel housekeeping failed; will retry later');
    }
  }

  return { receive, lookupStatus };
}

export type ChannelsService = ReturnType<typeof createChannelsService>;
