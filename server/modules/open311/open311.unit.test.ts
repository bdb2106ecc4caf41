import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { Open311Error, toOpen311Error } from './open311.errors.ts';
import { AppError } from '../../platform/http/problem.ts';
import { dateWindow, list, paging, parseForm, parseW3c, single, splitFormat, statuses, toW3c } from './open311.params.ts';
import { open311Status, statusNotes } from './open311.presenter.ts';
import { toXml } from './open311.xml.ts';

const DAY = 24 * 3600 * 1000;
const badRequest = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Open311Error);
    expect((error as Open311Error).status).toBe(400);
    return (error as Open311Error).text.en;
  }
  throw new Error('expected a 400');
};

describe('W3C dates', () => {
  it('reads date-times with a zone, and bare dates as that day in Bangkok', () => {
    expect(parseW3c('2026-05-01T08:00:00+07:00', 'start_date').at.toISOString()).toBe('2026-05-01T01:00:00.000Z');
    expect(parseW3c('2026-05-01T01:00Z', 'start_date').at.toISOString()).toBe('2026-05-01T01:00:00.000Z');
    expect(parseW3c('2026-05-01T01:00:00.250-05:00', 'start_date').at.toISOString()).toBe('2026-05-01T06:00:00.250Z');
    expect(parseW3c('2026-05-01', 'start_date')).toEqual({ at: new Date('2026-04-30T17:00:00Z'), dateOnly: true });
  });

  it('takes an unencoded "+" (a space in a query string) as the plus it was', () => {
    expect(parseW3c('2026-05-01T08:00:00 07:00', 'start_date').at.toISOString()).toBe('2026-05-01T01:00:00.000Z');
  });

  it('refuses what is not a W3C date, or has no zone, or does not exist', () => {
    for (const bad of ['yesterday', '2026-05-01T08:00:00', '2026-02-30', '2026-13-01T00:00:00Z', '2026-05-01T24:00:00Z', '01/05/2026', '']) {
      expect(badRequest(() => parseW3c(bad, 'start_date'))).toMatch(/start_date must be a W3C date-time/);
    }
  });

  it('writes times at +07:00 to the second', () => {
    expect(toW3c(new Date('2026-05-01T17:30:15.999Z'))).toBe('2026-05-02T00:30:15+07:00');
    expect(toW3c(null)).toBeNull();
  });
});

describe('the date window', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('defaults to the last 90 days', () => {
    const w = dateWindow(undefined, undefined, now);
    expect(w.to.getTime() - w.from.getTime()).toBe(90 * DAY);
    expect(w.to.getTime()).toBe(now.getTime() + 1);
  });
  it('runs 90 days from a start, or up to an end; a bare end date includes its day', () => {
    const fromStart = dateWindow('2026-01-01T00:00:00Z', undefined, now);
    expect(fromStart.to.getTime() - fromStart.from.getTime()).toBe(90 * DAY);
    const toEnd = dateWindow(undefined, '2026-01-31', now);
    expect(toEnd.to.toISOString()).toBe('2026-01-31T17:00:00.000Z');
    expect(toEnd.to.getTime() - toEnd.from.getTime()).toBe(90 * DAY);
  });
  it('allows exactly 90 days and refuses more, or an end before the start', () => {
    expect(() => dateWindow('2026-01-01', '2026-03-31', now)).not.toThrow();
    expect(badRequest(() => dateWindow('2026-01-01', '2026-04-01', now))).toMatch(/90 days/);
    expect(badRequest(() => dateWindow('2026-03-01', '2026-02-01', now))).toMatch(/after start_date/);
  });
});

describe('lists, statuses, paging and formats', () => {
  it('reads comma lists and repeated parameters, without duplicates', () => {
    expect(list('drain, trees,,drain', 'service_code')).toEqual(['drain', 'trees']);
    expect(list(['drain', 'road,trees'], 'service_code')).toEqual(['drain', 'road', 'trees']);
    expect(list(undefined, 'service_code')).toEqual([]);
    expect(badRequest(() => list('a,b,c', 'service_request_id', 2))).toMatch(/at most 2/);
  });
  it('takes open and closed only', () => {
    expect(statuses('Open,closed')).toEqual(['open', 'closed']);
    expect(badRequest(() => statuses('open,pending'))).toMatch(/"pending"/);
  });
  it('pages from 1 with at most 1000 a page', () => {
    expect(paging(undefined, undefined)).toEqual({ page: 1, pageSize: 1000 });
    expect(paging('3', '50')).toEqual({ page: 3, pageSize: 50 });
    for (const [p, s] of [['0', undefined], ['-1', undefined], ['1.5', undefined], [undefined, '1001'], [undefined, 'ten']] as const) {
      badRequest(() => paging(p, s));
    }
  });
  it('refuses a single-valued parameter given twice', () => {
    expect(single(' 2 ', 'page')).toBe('2');
    expect(single('', 'page')).toBeUndefined();
    expect(badRequest(() => single(['1', '2'], 'page'))).toMatch(/only once/);
  });
  it('splits "{name}.{format}"', () => {
    expect(splitFormat('BKK-26-7Q4XKM.json')).toEqual({ name: 'BKK-26-7Q4XKM', format: 'json' });
    expect(splitFormat('road.XML')).toEqual({ name: 'road', format: 'xml' });
    expect(splitFormat('road')).toBeNull();
    expect(splitFormat('.json')).toBeNull();
    expect(splitFormat('road.csv')).toBeNull();
  });
  it('reads a form body, the first value of a field winning', () => {
    expect(parseForm('api_key=k&description=%E0%B8%96%E0%B8%99%E0%B8%99+%E0%B8%9E%E0%B8%B1%E0%B8%87&lat=13.7&lat=99')).toEqual({ api_key: 'k', description: 'ถนน พัง', lat: '13.7' });
  });
});

describe('states and status notes', () => {
  it('maps the four states onto open and closed', () => {
    expect(['received', 'in_progress', 'fixed', 'closed'].map((s) => open311Status(s as never))).toEqual(['open', 'open', 'closed', 'closed']);
  });
  it('says the detailed state in Thai and English, with the reason and closing note', () => {
    expect(statusNotes({ state: 'in_progress', close_reason: null, closing_note: 'old note' })).toBe('กำลังดำเนินการ / In progress');
    expect(statusNotes({ state: 'closed', close_reason: 'duplicate', closing_note: ' ซ้ำกับ BKK-26-AAAAAA ' })).toBe(
      'ปิดเรื่องโดยไม่ได้แก้ไข: ซ้ำกับเรื่องที่มีผู้แจ้งไว้แล้ว / Closed without a fix: a duplicate of an earlier report — ซ้ำกับ BKK-26-AAAAAA',
    );
  });
});

describe('XML and errors', () => {
  it('escapes markup, drops characters XML cannot carry, and writes nulls as empty elements', () => {
    const xml = toXml.requests([{ service_request_id: 'BKK-26-AAAAAA', description: 'a <b> & "c"\u0001\u0007', zipcode: null, lat: 13.7 }]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(parsed.service_requests.request).toEqual({ service_request_id: 'BKK-26-AAAAAA', description: 'a <b> & "c"', zipcode: '', lat: '13.7' });
  });
  it('writes errors in the spec shape', () => {
    const parsed = new XMLParser({ parseTagValue: false }).parse(toXml.errors([{ code: 403, description: 'bad key' }]));
    expect(parsed.errors).toEqual({ error: { code: '403', description: 'bad key' } });
  });
  it('maps the platform errors onto the statuses the spec knows', () => {
    const text = { th: 'ไทย', en: 'English' };
    expect(toOpen311Error(new AppError(422, 'outside_bangkok', text), 'r1')).toMatchObject({ status: 400, item: { code: 400, description: 'ไทย / English' } });
    expect(toOpen311Error(new AppError(404, 'not_found', text), 'r1').status).toBe(404);
    expect(toOpen311Error(new AppError(401, 'unauthorized', text), 'r1').status).toBe(403);
    expect(toOpen311Error(Object.assign(new Error('x'), { statusCode: 429 }), 'r1').status).toBe(429);
    const crash = toOpen311Error(new Error('connection refused at 10.0.0.5'), 'req-9');
    expect(crash).toMatchObject({ status: 500, internal: true });
    expect(crash.item.description).not.toContain('10.0.0.5');
    expect(crash.item.description).toContain('req-9');
  });
});
