import { describe, expect, it } from 'vitest';
import { statusText } from './conversation.status.ts';
import {
  afterFiled, afterFilingFailed, detectLocale, freshState, handle, parseCommand, parseTypedCoordinates,
  type ConversationState, type EngineContext, type Inbound,
} from './conversation.engine.ts';

const ROAD = { code: 'road', name_th: 'ถนน', name_en: 'Road' };
const SIDEWALK = { code: 'sidewalk', name_th: 'ทางเท้า', name_en: 'Footpath' };
const DRAIN = { code: 'drain', name_th: 'ท่อระบายน้ำ', name_en: 'Drains and sewers' };

const ctx: EngineContext = {
  now: new Date('2026-01-15T03:00:00Z'),
  publicUrl: 'https://demopolis.example',
  suggest: () => [ROAD, SIDEWALK, DRAIN],
  // Inside when the latitude is between 13.5 and 14: enough for the engine's purposes.
  locate: (lat) => (lat > 13.5 && lat < 14 ? { inside: true, district_th: 'บางรัก', district_en: 'Bang Rak' } : { inside: false }),
};

function run(messages: Inbound[], start: ConversationState = freshState()) {
  let state = start;
  const outcomes = [];
  for (const m of messages) {
    const o = handle(state, m, ctx);
    outcomes.push(o);
    state = o.state;
  }
  return { state, outcomes, last: outcomes.at(-1)! };
}

const here = { lat: 13.7292, lng: 100.5243, address: 'ถนนสีลม' };

describe('collecting a report', () => {
  it('asks for the location, then the photo, then confirms', () => {
    const { outcomes, state } = run([{ text: 'ถนนเป็นหลุมลึกหน้าปากซอย' }, { location: here }, { photos: 1 }]);
    expect(outcomes[0]!.replies[0]!.text).toContain('กรุณาส่งตำแหน่ง');
    expect(outcomes[1]!.replies[0]!.text).toContain('เขตบางรัก');
    expect(outcomes[1]!.replies[0]!.text).toContain('กรุณาส่งรูปถ่าย');
    expect(outcomes[2]!.keepPhotos).toBe(1);
    expect(state.step).toBe('confirming');
    expect(state.category).toEqual(ROAD);
    const summary = outcomes[2]!.replies.at(-1)!;
    expect(summary.text).toContain('ถนนเป็นหลุมลึกหน้าปากซอย');
    expect(summary.text).toContain('ยืนยัน');
    expect(summary.quickReplies!.map((q) => q.text)).toEqual(['ยืนยัน', 'ทางเท้า', 'ท่อระบายน้ำ', 'แก้ไข', 'ยกเลิก']);
    expect(outcomes.every((o) => o.action === 'update')).toBe(true);
  });

  it('takes the parts in any order and several at once', () => {
    const { state, last } = run([{ photos: 2 }, { text: 'ไฟดับทั้งซอย 13.7292, 100.5243' }]);
    expect(state.location).toMatchObject({ lat: 13.7292, lng: 100.5243 });
    expect(state.description).toBe('ไฟดับทั้งซอย');
    expect(state.photos).toBe(2);
    expect(state.step).toBe('confirming');
    expect(last.replies.at(-1)!.text).toContain('สรุปเรื่องที่จะแจ้ง');
  });

  it('confirms into filing, and "no photo" lets a report go without one', () => {
    const { state, last } = run([{ text: 'น้ำท่วมขัง' }, { location: here }, { text: 'ไม่มีรูป' }, { text: 'ยืนยัน' }]);
    expect(last.file).toBe(true);
    expect(last.action).toBe('confirm');
    expect(state.step).toBe('filing');
    expect(state.noPhoto).toBe(true);
    // A second "confirm" while filing does not file twice.
    const again = handle(state, { text: 'ยืนยัน' }, ctx);
    expect(again.file).toBe(false);
    expect(again.replies[0]!.text).toContain('กำลังส่งเรื่อง');
  });

  it('lets the person pick another suggested category by number or by name', () => {
    const base = run([{ text: 'ทางเท้าพัง' }, { location: here }, { photos: 1 }]).state;
    expect(handle(base, { text: '2' }, ctx).state.category).toEqual(SIDEWALK);
    const byName = handle(base, { text: 'ท่อระบายน้ำ' }, ctx);
    expect(byName.state.category).toEqual(DRAIN);
    expect(byName.state.categoryPicked).toBe(true);
    expect(byName.state.description).toBe('ทางเท้าพัง');
  });

  it('edits: a new text replaces the description, the summary comes back', () => {
    const base = run([{ text: 'ถนนพัง' }, { location: here }, { photos: 1 }]).state;
    const editing = handle(base, { text: 'แก้ไข' }, ctx);
    expect(editing.state.step).toBe('editing');
    const edited = handle(editing.state, { text: 'ถนนยุบเป็นหลุมกว้างสองเมตร' }, ctx);
    expect(edited.state.description).toBe('ถนนยุบเป็นหลุมกว้างสองเมตร');
    expect(edited.state.step).toBe('confirming');
  });

  it('refuses a location outside Bangkok politely and keeps asking', () => {
    const { state, last } = run([{ text: 'ถนนพัง' }, { location: { lat: 13.2, lng: 100.9 } }]);
    expect(state.location).toBeNull();
    expect(last.replies[0]!.text).toContain('ขออภัย ตำแหน่งนี้อยู่นอกกรุงเทพมหานคร');
    expect(last.action).toBeNull();
  });

  it('says when a photo is not an image and keeps nothing', () => {
    const o = handle(freshState(), { photos: 0, photoProblem: 'not_an_image' }, ctx);
    expect(o.replies[0]!.text).toContain('ไม่ใช่รูปภาพ');
    expect(o.keepPhotos).toBe(0);
    expect(o.action).toBeNull();
  });

  it('keeps at most four photos', () => {
    const o = run([{ photos: 3 }, { photos: 3 }]);
    expect(o.state.photos).toBe(4);
    expect(o.last.keepPhotos).toBe(1);
    expect(o.last.replies[0]!.text).toContain('ไม่เกิน 4 รูป');
  });

  it('cancel resets and discards the photos; with nothing in progress it changes nothing', () => {
    const o = run([{ text: 'ขยะเต็มถนน' }, { photos: 1 }, { text: 'ยกเลิก' }]);
    expect(o.last.discardPhotos).toBe(true);
    expect(o.last.action).toBe('cancel');
    expect(o.state).toEqual(freshState());
    const idle = handle(freshState('en'), { text: 'cancel' }, ctx);
    expect(idle.action).toBeNull();
    expect(idle.replies[0]!.text).toBe('There is no report in progress.');
  });

  it('answers in English when the person writes English', () => {
    const o = run([{ text: 'Deep pothole in front of the market' }]);
    expect(o.state.locale).toBe('en');
    expect(o.last.replies[0]!.text).toContain('Please send the location');
  });

  it('files a complete X mention at once, with the best category', () => {
    const o = handle(freshState(), { text: 'ถนนเป็นหลุม', location: here, photos: 1, fileWhenComplete: true }, ctx);
    expect(o.file).toBe(true);
    expect(o.state.category).toEqual(ROAD);
    expect(o.keepPhotos).toBe(1);
  });

  it('after filing: a clean slate and the tracking number with its link', () => {
    const state = { ...run([{ text: 'Broken street light' }, { location: here }, { photos: 1 }]).state, step: 'filing' as const };
    const o = afterFiled(state, { code: 'BKK-26-7Q4XKM', agency: { name_th: 'สำนักงานเขตบางรัก', name_en: 'Bang Rak District Office' } }, ctx);
    expect(o.state).toEqual(freshState('en'));
    expect(o.discardPhotos).toBe(true);
    expect(o.replies[0]!.link).toBe('https://demopolis.example/r/BKK-26-7Q4XKM');
    expect(o.replies[0]!.text).toContain('BKK-26-7Q4XKM');
    expect(o.replies[0]!.text).toContain('Bang Rak District Office');
  });

  it('after a refused filing: back to the right step with the reason', () => {
    const state = { ...run([{ text: 'ถนนพัง' }, { location: here }, { photos: 1 }]).state, step: 'filing' as const };
    const outside = afterFilingFailed(state, { code: 'outside_bangkok', th: 'นอกเขต', en: 'outside' });
    expect(outside.state.location).toBeNull();
    expect(outside.state.step).toBe('collecting');
    const other = afterFilingFailed(state, { code: 'not_found', th: 'ไม่พบหมวด', en: 'no such category' });
    expect(other.state.step).toBe('confirming');
    expect(other.replies[0]!.text).toContain('ไม่พบหมวด');
    const crash = afterFilingFailed(state, null);
    expect(crash.replies[0]!.text).toContain('พิมพ์ "ยืนยัน" เพื่อลองอีกครั้ง');
  });

  it('an interrupted filing may be confirmed again after a while', () => {
    const state = { ...run([{ text: 'ถนนพัง' }, { location: here }, { photos: 1 }]).state, step: 'filing' as const, filingSince: '2026-01-15T02:00:00Z' };
    expect(handle(state, { text: 'ยืนยัน' }, ctx).file).toBe(true);
  });
});

describe('commands and parsing', () => {
  it('recognises commands in Thai and English', () => {
    expect(parseCommand('สถานะ BKK-26-7Q4XKM')).toEqual({ kind: 'status', code: 'BKK-26-7Q4XKM' });
    expect(parseCommand('status bkk-26-7q4xkm')).toEqual({ kind: 'status', code: 'BKK-26-7Q4XKM' });
    expect(parseCommand('สถานะ')).toEqual({ kind: 'status', code: null });
    expect(parseCommand(' ยกเลิก ')).toEqual({ kind: 'cancel' });
    expect(parseCommand('Confirm')).toEqual({ kind: 'confirm' });
    expect(parseCommand('๒')).toEqual({ kind: 'choice', index: 1 });
    expect(parseCommand('สวัสดีครับ')).toEqual({ kind: 'help' });
    expect(parseCommand('ถนนเป็นหลุม')).toBeNull();
    expect(parseCommand('statuesque pothole')).toBeNull();
  });

  it('reads typed coordinates in either order', () => {
    expect(parseTypedCoordinates('13.7563, 100.5018')).toEqual({ lat: 13.7563, lng: 100.5018, rest: '' });
    expect(parseTypedCoordinates('100.5018,13.7563 หน้าวัด')).toEqual({ lat: 13.7563, lng: 100.5018, rest: 'หน้าวัด' });
    expect(parseTypedCoordinates('ซอย 5 บ้านเลขที่ 12')).toBeNull();
  });

  it('detects the language from the text', () => {
    expect(detectLocale('hello', 'th')).toBe('en');
    expect(detectLocale('สวัสดี hello', 'en')).toBe('th');
    expect(detectLocale('123', 'en')).toBe('en');
  });

  it('answers a status command in one sentence', () => {
    const report = {
      code: 'BKK-26-7Q4XKM', state: 'in_progress' as const, close_reason: null,
      category: { name_th: 'ถนน', name_en: 'Road' }, district: { name_th: 'บางรัก', name_en: 'Bang Rak' },
      agency: { name_th: 'สำนักงานเขตบางรัก', name_en: 'Bang Rak District Office' }, created_at: '2026-01-10T03:00:00Z',
    };
    expect(statusText({ code: report.code, report }, report.code, 'th')).toBe('เรื่อง BKK-26-7Q4XKM (ถนน เขตบางรัก) แจ้งเมื่อ 10 ม.ค. 2569: สำนักงานเขตบางรักกำลังดำเนินการ');
    expect(statusText({ code: report.code, report }, report.code, 'en')).toBe('Report BKK-26-7Q4XKM (Road, Bang Rak), filed 10 Jan 2026: Bang Rak District Office is working on it.');
    expect(statusText({ code: 'BKK-26-AAAAAA', report: null }, 'BKK-26-AAAAAA', 'th')).toContain('ไม่พบเรื่องเลข BKK-26-AAAAAA');
    const closed = { ...report, state: 'closed' as const, close_reason: 'duplicate' };
    expect(statusText({ code: report.code, report: closed }, report.code, 'en')).toContain('closed without a fix (a duplicate of an earlier report)');
  });

  it('a status question changes nothing in the draft', () => {
    const draft = run([{ text: 'ถนนพัง' }]).state;
    const o = handle(draft, { text: 'สถานะ BKK-26-7Q4XKM', status: { code: 'BKK-26-7Q4XKM', report: null } }, ctx);
    expect(o.action).toBeNull();
    expect(o.state).toEqual(draft);
  });
});
