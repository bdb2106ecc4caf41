/**
 * What the agent says aloud: a caller's history in one natural sentence, and a
 * tracking number spelled so it survives a bad phone line. Pure functions, no I/O.
 */
import type { ReportState } from '../../platform/db/schema.ts';

const TZ = 'Asia/Bangkok';
const thaiDate = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { timeZone: TZ, day: 'numeric', month: 'short', year: 'numeric' });
const englishDate = new Intl.DateTimeFormat('en-GB-u-ca-gregory', { timeZone: TZ, day: 'numeric', month: 'short', year: 'numeric' });

/** 3 พ.ย. 2569 — Buddhist Era, Bangkok time. */
export const formatThaiDate = (d: Date) => thaiDate.format(d);
/** 3 Nov 2026 — Bangkok time. */
export const formatEnglishDate = (d: Date) => englishDate.format(d);

/** How each state sounds at the end of "…and now it is ___". */
const STATE_SPOKEN: Record<ReportState, { th: string; en: string }> = {
  received: { th: 'ได้รับเรื่องแล้ว รอหน่วยงานเริ่มดำเนินการ', en: 'received and waiting for the agency to start' },
  in_progress: { th: 'กำลังดำเนินการ', en: 'in progress' },
  fixed: { th: 'แก้ไขเสร็จแล้ว', en: 'fixed' },
  closed: { th: 'ปิดเรื่องแล้วโดยไม่ได้แก้ไข', en: 'closed without a fix' },
};

export interface SpokenReport {
  code: string;
  state: ReportState;
  category: { name_th: string; name_en: string };
  district: { name_th: string; name_en: string } | null;
  created_at: Date;
}

export interface Sentences {
  th: string;
  en: string;
}

/**
 * "คุณมีเรื่องที่แจ้งไว้ 2 เรื่อง เรื่องล่าสุด BKK-26-7Q4XKM เรื่องถนน เขตบางรัก
 * แจ้งเมื่อ 3 พ.ย. 2569 ตอนนี้กำลังดำเนินการ ยังเปิดอยู่ทั้งหมด 1 เรื่อง"
 * `reports` newest first; `total` counts all of them (the list may be cut short).
 */
export function historySentence(reports: readonly SpokenReport[], total: number, openCount: number): Sentences {
  const latest = reports[0];
  if (!latest || total === 0) {
    return {
      th: 'ยังไม่พบเรื่องที่แจ้งไว้จากหมายเลขนี้ ต้องการแจ้งเรื่องใหม่ไหมคะ/ครับ',
      en: 'There are no earlier reports from this number. Would you like to file a new one?',
    };
  }
  const state = STATE_SPOKEN[latest.state];
  const whereTh = latest.district ? ` เขต${latest.district.name_th}` : '';
  const thParts = [
    total === 1 ? 'คุณมีเรื่องที่แจ้งไว้ 1 เรื่อง' : `คุณมีเรื่องที่แจ้งไว้ ${total} เรื่อง เรื่องล่าสุด`,
    `${latest.code} เรื่อง${latest.category.name_th}${whereTh}`,
    `แจ้งเมื่อ ${formatThaiDate(latest.created_at)}`,
    `ตอนนี้${state.th}`,
  ];
  const about = `${latest.code} (${latest.category.name_en}${latest.district ? `, ${latest.district.name_en}` : ''})`;
  const when = formatEnglishDate(latest.created_at);
  let en = total === 1
    ? `You have 1 report with us: ${about}, filed on ${when}. It is now ${state.en}.`
    : `You have ${total} reports with us. The latest, ${about}, was filed on ${when} and is now ${state.en}.`;
  if (total > 1) {
    thParts.push(openCount > 0 ? `ยังเปิดอยู่ทั้งหมด ${openCount} เรื่อง` : 'ทุกเรื่องปิดหรือแก้ไขแล้ว');
    en += openCount > 0 ? ` ${openCount} of them ${openCount === 1 ? 'is' : 'are'} still open.` : ' All of them are fixed or closed.';
  }
  return { th: thParts.join(' '), en };
}

const THAI_DIGITS = ['ศูนย์', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];
const ENGLISH_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** How Thai speakers say the Latin letters. */
const THAI_LETTERS: Record<string, string> = {
  A: 'เอ', B: 'บี', C: 'ซี', D: 'ดี', E: 'อี', F: 'เอฟ', G: 'จี', H: 'เอช', I: 'ไอ', J: 'เจ', K: 'เค', L: 'แอล', M: 'เอ็ม',
  N: 'เอ็น', O: 'โอ', P: 'พี', Q: 'คิว', R: 'อาร์', S: 'เอส', T: 'ที', U: 'ยู', V: 'วี', W: 'ดับเบิลยู', X: 'เอ็กซ์', Y: 'วาย', Z: 'แซด',
};

/**
 * A tracking number, one spoken token per character:
 * "BKK-26-7Q4XKM" → "บี เค เค ขีด สอง หก ขีด เจ็ด คิว สี่ เอ็กซ์ เค เอ็ม" /
 * "B K K dash two six dash seven Q four X K M".
 */
export function spellTrackingCode(code: string): Sentences {
  const th: string[] = [];
  const en: string[] = [];
  for (const ch of code.toUpperCase()) {
    if (ch === '-') {
      th.push('ขีด');
      en.push('dash');
    } else if (/\d/.test(ch)) {
      th.push(THAI_DIGITS[Number(ch)]);
      en.push(ENGLISH_DIGITS[Number(ch)]);
    } else if (THAI_LETTERS[ch]) {
      th.push(THAI_LETTERS[ch]);
      en.push(ch);
    }
  }
  return { th: th.join(' '), en: en.join(' ') };
}

/** Masks a +66 number for the audit trail and screens: +66 8x-xxx-5678 → "+668*****678". */
export function maskPhone(phone: string): string {
  return phone.length <= 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 4)}${'*'.repeat(phone.length - 7)}${phone.slice(-3)}`;
}
