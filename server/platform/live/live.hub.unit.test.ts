import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLiveHub, type LiveFrame } from './live.hub.ts';
import type { LiveNotice } from './live.listener.ts';

/** A response that records what is written, and can pretend not to read. */
class FakeRaw extends EventEmitter {
  chunks: string[] = [];
  writableEnded = false;
  destroyed = false;
  writableLength = 0;
  socket = null;
  writeHead() {}
  write(text: string) {
    this.chunks.push(text);
    return true;
  }
  end() {
    this.writableEnded = true;
    this.emit('close');
  }
  frames() {
    return this.chunks.filter((c) => c.startsWith('id: ')).map((c) => c.split('\n')[0]!.slice(4));
  }
}

const reply = (raw: FakeRaw) => ({ raw, hijack() {}, getHeaders: () => ({}) }) as unknown as FastifyReply;
const log = { warn() {}, error() {} } as unknown as FastifyBaseLogger;

function hub(maxConnections = 10) {
  let handlers!: { onNotice: (n: LiveNotice) => void; onResync: () => void };
  const h = createLiveHub({
    listenUrl: 'postgres://fake',
    maxConnections,
    heartbeatSeconds: 3600,
    log,
    maxBufferedBytes: 1000,
    listen: (_url, given) => {
      handlers = given;
      return { close: async () => {} };
    },
  });
  let state: LiveFrame = { id: '1', data: { v: 1 } };
  let loads = 0;
  h.define('report', async () => {
    loads += 1;
    return state;
  });
  return {
    h,
    notice: (id: string) => handlers.onNotice({ kind: 'report', key: 'K', id }),
    resync: () => handlers.onResync(),
    set: (next: LiveFrame) => { state = next; },
    loads: () => loads,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('live hub', () => {
  it('sends the state first, then each change once, to every watcher of the topic', async () => {
    const t = hub();
    const a = new FakeRaw();
    const b = new FakeRaw();
    await t.h.open(reply(a), 'report', 'K', async () => ({ id: '1', data: {} }));
    await t.h.open(reply(b), 'report', 'K', async () => ({ id: '1', data: {} }));
    expect(a.chunks[0]).toMatch(/^retry: \d+\n\n$/);
    t.set({ id: '2', data: { v: 2 } });
    t.notice('2');
    await tick();
    expect(a.frames()).toEqual(['1', '2']);
    expect(b.frames()).toEqual(['1', '2']);
    // One load for both watchers; a resync with nothing new sends nothing.
    expect(t.loads()).toBe(1);
    t.resync();
    await tick();
    expect(a.frames()).toEqual(['1', '2']);
  });

  it('does not lose a change committed while a new watcher\'s first state was loading', async () => {
    const t = hub();
    const a = new FakeRaw();
    let finish!: () => void;
    const opening = t.h.open(reply(a), 'report', 'K', () => new Promise((resolve) => { finish = () => resolve({ id: '1', data: {} }); }));
    await tick();
    t.set({ id: '2', data: {} });
    t.notice('2');
    finish();
    await opening;
    await tick();
    expect(a.frames()).toEqual(['1', '2']);
  });

  it('drops a watcher that does not read, refuses past the cap, and ends everything at shutdown', async () => {
    const t = hub(2);
    const slow = new FakeRaw();
    const ok = new FakeRaw();
    await t.h.open(reply(slow), 'report', 'K', async () => ({ id: '1', data: {} }));
    await t.h.open(reply(ok), 'report', 'K', async () => ({ id: '1', data: {} }));
    expect(t.h.accepting()).toBe(false);
    slow.writableLength = 5000;
    t.set({ id: '2', data: {} });
    t.notice('2');
    await tick();
    expect(slow.writableEnded).toBe(true);
    expect(ok.frames()).toEqual(['1', '2']);
    expect(t.h.connections()).toBe(1);
    expect(t.h.accepting()).toBe(true);

    t.h.endStreams();
    expect(ok.writableEnded).toBe(true);
    expect(t.h.connections()).toBe(0);
    expect(t.h.accepting()).toBe(false);
    expect(await t.h.open(reply(new FakeRaw()), 'report', 'K', async () => ({ id: '1', data: {} }))).toBe(false);
    await t.h.close();
  });
});

describe('observers (the public report cache)', () => {
  it('opens LISTEN at once, hears every notice, and is told when notices can be trusted and when not', async () => {
    let handlers!: { onNotice: (n: LiveNotice) => void; onResync: () => void; onLost?: () => void };
    let opened = 0;
    const h = createLiveHub({
      listenUrl: 'postgres://fake', maxConnections: 1, heartbeatSeconds: 3600, log,
      listen: (_url, given) => {
        opened += 1;
        handlers = given;
        return { close: async () => {} };
      },
    });
    const seen: string[] = [];
    h.observe({ notice: (n) => seen.push(`${n.kind}:${n.key}`), resync: () => seen.push('resync'), lost: () => seen.push('lost') });
    expect(opened).toBe(1);
    expect(h.listening()).toBe(false);
    handlers.onResync();
    expect(h.listening()).toBe(true);
    handlers.onNotice({ kind: 'report-view', key: 'BKK-26-AAAAAA', id: '0' });
    handlers.onLost!();
    expect(h.listening()).toBe(false);
    handlers.onResync();
    // A late observer is told at once that LISTEN is in effect.
    const late: string[] = [];
    h.observe({ notice: () => {}, resync: () => late.push('resync'), lost: () => late.push('lost') });
    expect(late).toEqual(['resync']);
    expect(opened).toBe(1);
    await h.close();
    expect(seen).toEqual(['resync', 'report-view:BKK-26-AAAAAA', 'lost', 'resync', 'lost']);
    expect(late).toEqual(['resync', 'lost']);
  });
});
