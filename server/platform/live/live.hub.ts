import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { listenForLive, type LiveListener, type LiveNotice } from './live.listener.ts';

/**
 * Live updates over Server-Sent Events, fanned out across instances by PostgreSQL
 * LISTEN/NOTIFY.
 *
 * A change commits with a NOTIFY naming its topic (a trigger does it, in the same
 * transaction, so nothing is announced that did not happen). Every instance LISTENs on
 * one connection of its own. An instance with subscribers to that topic loads the
 * topic's public state once — however many people watch it — and writes the same frame
 * to each of their streams; an instance with none ignores the notice.
 *
 * Frames carry only what the public page shows (the loader decides; for reports the
 * presenter's anonymous view): no names, contacts or internal notes. Streams get a
 * keep-alive comment every few seconds so proxies keep them open; a slow reader whose
 * buffer fills is dropped (its browser reconnects and gets the current state); at the
 * per-instance cap new streams are refused with 503; on shutdown every stream is ended
 * first, and browsers reconnect — with a random delay, so a restart is not a stampede —
 * to another instance.
 */

export interface LiveFrame {
  /** Id of the latest change in the frame (SSE `id:`); equal ids are not sent twice. */
  id: string;
  data: unknown;
}

/** Loads a topic's current public state; null when it no longer exists. */
export type LiveLoader = (key: string) => Promise<LiveFrame | null>;

interface Subscriber {
  raw: ServerResponse;
  topic: string;
  lastId: string | null;
}

export interface LiveHubOptions {
  /** Where to LISTEN: a direct connection to the primary. null = no fan-out (updates only on reconnect). */
  listenUrl: string | null;
  maxConnections: number;
  heartbeatSeconds: number;
  log: FastifyBaseLogger;
  /** Buffered bytes after which a stream that does not read is dropped. */
  maxBufferedBytes?: number;
  /** The LISTEN side (tests give a fake). */
  listen?: typeof listenForLive;
}

/**
 * Something else that follows changes through the same LISTEN connection (the public
 * report cache): every notice, and whether notices can currently be trusted to arrive.
 */
export interface LiveObserver {
  /** A committed change, of any kind. */
  notice(notice: LiveNotice): void;
  /** LISTEN is in effect (again): every change committed from now on is noticed; earlier ones may have been missed. */
  resync(): void;
  /** The LISTEN connection is gone (or the hub closed): changes may be missed until the next resync. */
  lost(): void;
}

export interface LiveHub {
  /** Registers the loader for a kind of topic ("report"). */
  define(kind: string, loader: LiveLoader): void;
  /** Whether a new stream would be accepted now (under the cap, not shutting down). */
  accepting(): boolean;
  /**
   * Streams `kind:key`: loads its current state with `load` (which may throw, e.g. a 404,
   * before anything is sent), then takes over the reply and sends that state first. A
   * change committed while the state was loading is not lost: it is sent right after.
   * False (and nothing sent) when shutdown began meanwhile.
   */
  open(reply: FastifyReply, kind: string, key: string, load: () => Promise<LiveFrame>): Promise<boolean>;
  connections(): number;
  /**
   * Adds an observer and opens the LISTEN connection now (if there is a listenUrl);
   * `resync` is called once LISTEN is in effect, at once if it already is.
   */
  observe(observer: LiveObserver): void;
  /** Whether LISTEN is in effect now. */
  listening(): boolean;
  /** Ends every stream (before the server stops). */
  endStreams(): void;
  close(): Promise<void>;
}

const topicOf = (kind: string, key: string) => `${kind}:${key}`;

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const maxBuffered = options.maxBufferedBytes ?? 256 * 1024;
  const loaders = new Map<string, LiveLoader>();
  const topics = new Map<string, Set<Subscriber>>();
  const refreshing = new Map<string, { again: boolean }>();
  const failures = new Map<string, number>();
  /** Streams whose first state is being loaded, by topic. */
  const loading = new Map<string, Set<{ noticed: boolean }>>();
  let count = 0;
  let closing = false;
  let listener: LiveListener | null = null;
  let listeningNow = false;
  const observers = new Set<LiveObserver>();
  let heartbeat: NodeJS.Timeout | null = null;

  const drop = (sub: Subscriber) => {
    const set = topics.get(sub.topic);
    if (!set?.delete(sub)) return;
    count -= 1;
    if (set.size === 0) {
      topics.delete(sub.topic);
      failures.delete(sub.topic);
    }
    if (!sub.raw.writableEnded) sub.raw.end();
  };

  const write = (sub: Subscriber, text: string) => {
    if (sub.raw.destroyed || sub.raw.writableEnded) return drop(sub);
    if (sub.raw.writableLength > maxBuffered) {
      options.log.warn({ topic: sub.topic }, 'live update stream not reading: dropped');
      return drop(sub);
    }
    sub.raw.write(text);
  };

  const send = (sub: Subscriber, kind: string, frame: LiveFrame) => {
    if (sub.lastId === frame.id) return;
    sub.lastId = frame.id;
    write(sub, `id: ${frame.id}\nevent: ${kind}\ndata: ${JSON.stringify(frame.data)}\n\n`);
  };

  /** Loads a topic once and sends it to its subscribers; notices arriving meanwhile fold into one more load. */
  async function refresh(topic: string): Promise<void> {
    const running = refreshing.get(topic);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    refreshing.set(topic, state);
    const [kind, ...rest] = topic.split(':');
    const key = rest.join(':');
    const loader = loaders.get(kind!);
    try {
      while (state.again && loader && topics.has(topic)) {
        state.again = false;
        const frame = await loader(key);
        if (frame) for (const sub of topics.get(topic) ?? []) send(sub, kind!, frame);
      }
      failures.delete(topic);
    } catch (error) {
      // The database was busy or away: try again shortly rather than lose the update.
      const failed = (failures.get(topic) ?? 0) + 1;
      failures.set(topic, failed);
      options.log.warn({ err: error, topic, attempt: failed }, 'live update could not be loaded');
      if (failed <= 5) setTimeout(() => void refresh(topic), 500 * 2 ** failed).unref();
      else failures.delete(topic);
    } finally {
      refreshing.delete(topic);
    }
  }

  const onNotice = (notice: LiveNotice) => {
    for (const o of observers) o.notice(notice);
    const topic = topicOf(notice.kind, notice.key);
    for (const mark of loading.get(topic) ?? []) mark.noticed = true;
    if (topics.has(topic)) void refresh(topic);
  };

  const lose = () => {
    listeningNow = false;
    for (const o of observers) o.lost();
  };

  const startListening = () => {
    if (!listener && options.listenUrl && !closing) {
      listener = (options.listen ?? listenForLive)(options.listenUrl, {
        onNotice,
        onLost: lose,
        onResync: () => {
          listeningNow = true;
          for (const o of observers) o.resync();
          for (const marks of loading.values()) for (const mark of marks) mark.noticed = true;
          for (const topic of topics.keys()) void refresh(topic);
        },
        onError: (error) => options.log.warn({ err: error }, 'live updates: LISTEN connection lost; reconnecting'),
      });
    }
  };

  const start = () => {
    startListening();
    if (!heartbeat) {
      heartbeat = setInterval(() => {
        for (const set of topics.values()) for (const sub of set) write(sub, ': ping\n\n');
      }, options.heartbeatSeconds * 1000);
      heartbeat.unref();
    }
  };

  return {
    define(kind, loader) {
      loaders.set(kind, loader);
    },
    accepting: () => !closing && count < options.maxConnections,
    async open(reply, kind, key, load) {
      start();
      const topic = topicOf(kind, key);
      // Notices (and resyncs) for this topic while its state loads mark the load as possibly stale.
      const mark = { noticed: false };
      let marks = loading.get(topic);
      if (!marks) loading.set(topic, (marks = new Set()));
      marks.add(mark);
      let initial: LiveFrame;
      try {
        initial = await load();
      } finally {
        marks.delete(mark);
        if (marks.size === 0) loading.delete(topic);
      }
      if (closing) return false;
      reply.hijack();
      const raw = reply.raw;
      const headers: OutgoingHttpHeaders = {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-store, no-transform',
        // nginx and similar proxies buffer responses unless told not to.
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      };
      delete headers['content-length'];
      raw.writeHead(200, headers);
      raw.socket?.setNoDelay(true);
      const sub: Subscriber = { raw, topic, lastId: null };
      let set = topics.get(topic);
      if (!set) topics.set(topic, (set = new Set()));
      set.add(sub);
      count += 1;
      raw.on('close', () => drop(sub));
      // Reconnect after 2–7 s: spread out, so a restart does not bring everyone back at once.
      write(sub, `retry: ${2000 + Math.floor(Math.random() * 5000)}\n\n`);
      send(sub, kind, initial);
      if (mark.noticed) void refresh(topic);
      return true;
    },
    connections: () => count,
    observe(observer) {
      observers.add(observer);
      startListening();
      if (listeningNow) observer.resync();
    },
    listening: () => listeningNow,
    endStreams() {
      closing = true;
      for (const set of [...topics.values()]) for (const sub of [...set]) drop(sub);
    },
    async close() {
      closing = true;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      for (const set of [...topics.values()]) for (const sub of [...set]) drop(sub);
      await listener?.close();
      listener = null;
      lose();
    },
  };
}
