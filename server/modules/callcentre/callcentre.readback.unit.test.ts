import { describe, expect, it } from 'vitest';
import { formatEnglishDate, formatThaiDate, historySentence, maskPhone, spellTrackingCode, type SpokenReport } from './callcentre.readback.ts';

const road: SpokenReport = {
  code: 'BKK-26-7Q4XKM',
  state: 'in_progress',
  category: { name_th: 'ถนน', name_en: 'Road' },
  district: { name_th: 'บางรัก', name_en: 'Bang Rak' },
  // 3 November 2026, 01:00 in Bangkok (still 2 November in UTC).
  created_at: new Date('2026-11-02T18:00:00Z'),
};

describe('dates said aloud', () => {
  it('uses the Buddhist Era and Bangkok time in Thai', () => {
    expect(formatThaiDate(road.created_at)).toBe('3 พ.ย. 2569');
    expect(formatEnglishDate(road.created_at)).toBe('3 Nov 2026');
  });
});

describe('historySentence', () => {
  it('reads the latest of several reports, and how many are still open', () => {
    const s = historySentence([road, { ...road, code: 'BKK-25-ABCDEF', state: 'fixed' }], 2, 1);
    expect(s.th).toBe('คุณมีเรื่องที่แจ้งไว้ 2 เรื่อง เรื่องล่าสุด BKK-26-7Q4XKM เรื่องถนน เขตบางรัก แจ้งเมื่อ 3 พ.ย. 2569 ตอนนี้กำลังดำเนินการ ยังเปิดอยู่ทั้งหมด 1 เรื่อง');
    expect(s.en).toBe('You have 2 reports with us. The latest, BKK-26-7Q4XKM (Road, Bang Rak), was filed on 3 Nov 2026 and is now in progress. 1 of them is still open.');
  });

  it('reads a single report without "the latest"', () => {
    const s = historySentence([{ ...road, state: 'received' }], 1, 1);
    expect(s.th).toBe('คุณมีเรื่องที่แจ้งไว้ 1 เรื่อง BKK-26-7Q4XKM เรื่องถนน เขตบางรัก แจ้งเมื่อ 3 พ.ย. 2569 ตอนนี้ได้รับเรื่องแล้ว รอหน่วยงานเริ่มดำเนินการ');
    expect(s.en).toBe('You have 1 report with us: BKK-26-7Q4XKM (Road, Bang Rak), filed on 3 Nov 2026. It is now received and waiting for the agency to start.');
  });

  it('says when everything is done, and counts beyond the list shown', () => {
    const s = historySentence([{ ...road, state: 'closed', district: null }], 25, 0);
    expect(s.th).toContain('คุณมีเรื่องที่แจ้งไว้ 25 เรื่อง');
    expect(s.th).toContain('ตอนนี้ปิดเรื่องแล้วโดยไม่ได้แก้ไข');
    expect(s.th).toContain('ทุกเรื่องปิดหรือแก้ไขแล้ว');
    expect(s.th).not.toContain('เขต');
    expect(s.en).toContain('(Road)');
    expect(s.en).toContain('All of them are fixed or closed.');
  });

  it('says plainly when there is nothing', () => {
    const s = historySentence([], 0, 0);
    expect(s.th).toContain('ยังไม่พบเรื่องที่แจ้งไว้');
    expect(s.en).toContain('no earlier reports');
  });
});

describe('spellTrackingCode', () => {
  it('spells each character the way it is said on the phone', () => {
    expect(spellTrackingCode('BKK-26-7Q4XKM')).toEqual({
      th: 'บี เค เค ขีด สอง หก ขีด เจ็ด คิว สี่ เอ็กซ์ เค เอ็ม',
      en: 'B K K dash two six dash seven Q four X K M',
    });
  });

  it('covers every character a tracking number can hold', () => {
    const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
    const spelled = spellTrackingCode(alphabet);
    expect(spelled.th.split(' ')).toHaveLength(alphabet.length);
    expect(spelled.en.split(' ')).toHaveLength(alphabet.length);
    expect(spelled.th).toContain('ดับเบิลยู');
  });
});

describe('maskPhone', () => {
  it('keeps the country prefix and the last three digits', () => {
    expect(maskPhone('+66812345678')).toBe('+668*****678');
  });
});
