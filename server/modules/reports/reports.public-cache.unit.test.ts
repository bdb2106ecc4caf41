import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config/config.ts';
import { createPublicPageCache, etagOf, ifNoneMatchHits, publicPageCacheOptions, type LoadedPage } from './reports.public-cache.ts';
import { overdueFrom } from './reports.query.service.ts';

function setup(options: { ttlMs?: number; maxEntries?: number; maxBytes?: number; replicaWindowMs?: number } = {}) {
  let now = 1_000_000;
  const cache = createPublicPageCache({ ttlMs: 5_000, maxEntries: 100, maxBytes: 1_000_000, ...options, now: () => now });
  let loads = 0;
  const page = (text: string, freshUntil = Infinity) => async (): Promise<LoadedPage> => {
    loads += 1;
    return { body: Buffer.from(text), freshUntil };
  };
  return { cache, page, loads: () => loads, tick: (ms: number) => { now += ms; }, now: () => now };
}

describe('the public page cache', () => {
  it('keeps nothing until LISTEN is in effect, and nothing once it is lost', async () => {
    const { cache, page, loads } = setup();
    await cache.get('A', page('a'));
    await cache.get('A', page('a'));
    expect(loads()).toBe(2);
    cache.resume();
    await cache.get('A', page('a'));
    await cache.get('A', page('a'));
    expect(loads()).toBe(3);
    cache.suspend();
    await cache.get('A', page('a'));
    expect(loads()).toBe(4);
    expect(cache.stats().entries).toBe(0);
  });

  it('drops a page on its notice, on "*", and after its lifetime or the moment it turns overdue', async () => {
    const { cache, page, loads, tick, now } = setup();
    cache.resume();
    await cache.get('A', page('a'));
    await cache.get('B', page('b'));
    cache.changed('A');
    expect((await cache.get('A', page('a2'))).body.toString()).toBe('a2');
    expect((await cache.get('B', page('b2'))).body.toString()).toBe('b');
    cache.changed('*');
    expect((await cache.get('B', page('b3'))).body.toString()).toBe('b3');
    tick(5_001);
    expect((await cache.get('B', page('b4'))).body.toString()).toBe('b4');
    await cache.get('C', page('c', now() + 1_000));
    tick(999);
    expect((await cache.get('C', page('c2'))).body.toString()).toBe('c');
    tick(1);
    expect((await cache.get('C', page('c3'))).body.toString()).toBe('c3');
    expect(loads()).toBe(7);
  });

  it('does not keep a page read while its report changed, nor one read across a loss of LISTEN', async () => {
    const { cache } = setup();
    cache.resume();
    let release!: (p: LoadedPage) => void;
    const slow = () => new Promise<LoadedPage>((resolve) => { release = resolve; });
    const pending = cache.get('A', slow);
    // A request meanwhile shares the read under way.
    const joined = cache.get('A', slow);
    cache.changed('A');
    release({ body: Buffer.from('old'), freshUntil: Infinity });
    expect((await pending).body.toString()).toBe('old');
    expect((await joined).body.toString()).toBe('old');
    expect(cache.stats().entries).toBe(0);

    const again = cache.get('B', slow);
    cache.suspend();
    cache.resume();
    release({ body: Buffer.from('old'), freshUntil: Infinity });
    await again;
    expect(cache.stats().entries).toBe(0);
  });

  it('passes a failed read on and keeps nothing', async () => {
    const { cache } = setup();
    cache.resume();
    await expect(cache.get('A', async () => { throw new Error('404'); })).rejects.toThrow('404');
    expect(cache.stats().entries).toBe(0);
  });

  it('holds at most its entries and bytes, the least recently used out first', async () => {
    const { cache, page } = setup({ maxEntries: 2, maxBytes: 10 });
    cache.resume();
    await cache.get('A', page('aaaa'));
    await cache.get('B', page('bbbb'));
    await cache.get('A', page('x'));
    await cache.get('C', page('cccc'));
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 8 });
    expect((await cache.get('A', page('new'))).body.toString()).toBe('aaaa');
    expect((await cache.get('B', page('new'))).body.toString()).toBe('new');
    await cache.get('D', page('this is far too long'));
    expect(cache.stats().bytes).toBeLessThanOrEqual(10);
  });

  it('remembers recent changes for the replica window only', () => {
    const { cache, tick } = setup({ replicaWindowMs: 30_000 });
    cache.changed('A');
    expect(cache.changedRecently('A')).toBe(true);
    expect(cache.changedRecently('B')).toBe(false);
    tick(30_001);
    expect(cache.changedRecently('A')).toBe(false);
    cache.changed('*');
    expect(cache.changedRecently('B')).toBe(true);
    expect(setup().cache.changedRecently('A')).toBe(false);
  });
});

describe('If-None-Match', () => {
  const etag = etagOf(Buffer.from('page'));
  it('matches the strong tag, in a list, in its weak form, and "*"', () => {
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(ifNoneMatchHits(etag, etag)).toBe(true);
    expect(ifNoneMatchHits(`"x", ${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHits(`W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
    expect(ifNoneMatchHits('"x"', etag)).toBe(false);
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });
});

describe('REPORT_CACHE_SECONDS and REPORT_CACHE_MB', () => {
  it('default to 30 s and 32 MB, take 0 to switch off, and refuse nonsense at start-up', () => {
    const base = { DATA_DIR: '/tmp/demopolis-config-test' };
    expect(publicPageCacheOptions(loadConfig(base).scale)).toMatchObject({ ttlMs: 30_000, maxBytes: 32 * 1024 * 1024 });
    expect(publicPageCacheOptions(loadConfig({ ...base, REPORT_CACHE_SECONDS: '0' }).scale).ttlMs).toBe(0);
    expect(() => loadConfig({ ...base, REPORT_CACHE_SECONDS: 'soon' })).toThrow(/REPORT_CACHE_SECONDS/);
    expect(() => loadConfig({ ...base, REPORT_CACHE_MB: '-1' })).toThrow(/REPORT_CACHE_MB/);
  });
});

describe('overdueFrom: when the page turns overdue by the clock alone', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  const at = (h: number) => new Date(now + h * 3600_000);
  it('is the first deadline still ahead for an open report', () => {
    expect(overdueFrom({ state: 'received', due_first_response_at: at(2), due_fix_at: at(48) }, now)).toBe(at(2).getTime());
    expect(overdueFrom({ state: 'in_progress', due_first_response_at: at(2), due_fix_at: at(48) }, now)).toBe(at(48).getTime());
  });
  it('is never for one already overdue or no longer open', () => {
    expect(overdueFrom({ state: 'received', due_first_response_at: at(-1), due_fix_at: at(48) }, now)).toBe(Infinity);
    expect(overdueFrom({ state: 'fixed', due_first_response_at: at(2), due_fix_at: at(48) }, now)).toBe(Infinity);
  });
});
