/**
 * Every sentence the chat bot says, in Thai and English. Thai is written the way a
 * polite Bangkok service desk speaks (ครับ/ค่ะ left out: the bot has no gender).
 */
import type { Locale } from '../../platform/i18n/locale.ts';

type Text = Record<Locale, string>;
const t = (th: string, en: string): Text => ({ th, en });

export const TEXTS = {
  welcome: t(
    'สวัสดี ที่นี่แจ้งปัญหาเมืองกรุงเทพมหานคร\nส่ง 1) ตำแหน่ง 2) รูปถ่าย 3) เล่าปัญหาสั้น ๆ ส่งอะไรก่อนก็ได้\nพิมพ์ "สถานะ <เลขติดตามเรื่อง>" เพื่อดูความคืบหน้า หรือ "ยกเลิก" เพื่อเริ่มใหม่',
    'Hello! This is Bangkok\'s city problem line.\nSend 1) the location, 2) a photo, 3) a few words about the problem, in any order.\nType "status <tracking number>" to follow a report, or "cancel" to start again.',
  ),
  askLocation: t(
    'กรุณาส่งตำแหน่งที่พบปัญหา (กดปุ่ม + แล้วเลือก "ตำแหน่งที่ตั้ง") หรือพิมพ์พิกัด เช่น 13.7563, 100.5018',
    'Please send the location of the problem (share your location, or type coordinates such as 13.7563, 100.5018).',
  ),
  askPhoto: t(
    'กรุณาส่งรูปถ่ายปัญหาอย่างน้อย 1 รูป (สูงสุด 4 รูป) หากไม่มีรูป พิมพ์ "ไม่มีรูป"',
    'Please send at least one photo of the problem (up to 4). If you have none, type "no photo".',
  ),
  askDescription: t(
    'กรุณาเล่าปัญหาที่พบสั้น ๆ เช่น "ถนนเป็นหลุมลึกหน้าปากซอย"',
    'Please describe the problem in a few words, e.g. "deep pothole at the mouth of the soi".',
  ),
  gotDescription: t('รับทราบรายละเอียดแล้ว', 'Got the description.'),
  gotLocation: t('ได้รับตำแหน่งแล้ว: เขต{district}', 'Got the location: {district} district.'),
  gotPhotos: t('ได้รับรูปแล้ว ({n} รูป)', 'Got the photo ({n} in all).'),
  noPhotoNoted: t('รับทราบ ไม่มีรูปถ่าย', 'Noted: no photo.'),
  tooManyPhotos: t('แนบรูปได้ไม่เกิน 4 รูป รูปที่เกินไม่ได้บันทึก', 'At most 4 photos; the extra ones were not kept.'),
  descriptionTooLong: t(
    'ขออภัย รายละเอียดยาวได้ไม่เกิน 4,000 ตัวอักษร ข้อความล่าสุดไม่ได้บันทึก',
    'Sorry, the description may be at most 4,000 characters; your last message was not kept.',
  ),
  outsideBangkok: t(
    'ขออภัย ตำแหน่งนี้อยู่นอกกรุงเทพมหานคร ระบบนี้รับแจ้งเฉพาะปัญหาในเขตกรุงเทพฯ กรุณาส่งตำแหน่งใหม่ หรือติดต่อหน่วยงานในจังหวัดนั้น',
    'Sorry, this location is outside Bangkok. This service takes reports inside the city only; please send another location or contact the local authority there.',
  ),
  notAnImage: t(
    'ขออภัย ไฟล์ที่ส่งมาไม่ใช่รูปภาพที่รองรับ (JPEG, PNG, WebP, HEIC) กรุณาส่งรูปถ่ายใหม่',
    'Sorry, that file is not a supported image (JPEG, PNG, WebP, HEIC). Please send a photo.',
  ),
  photoTooLarge: t('ขออภัย รูปภาพใหญ่เกินไป (ไม่เกิน 8 MB และ 40 ล้านพิกเซล) กรุณาส่งรูปที่เล็กลง', 'Sorry, that photo is too large (at most 8 MB and 40 megapixels). Please send a smaller one.'),
  photoUnavailable: t('ขออภัย ดึงรูปภาพไม่สำเร็จ กรุณาส่งรูปอีกครั้ง', 'Sorry, we could not fetch that photo. Please send it again.'),
  unsupported: t(
    'ขออภัย ระบบอ่านได้เฉพาะข้อความ ตำแหน่ง และรูปถ่าย',
    'Sorry, I can only read text, locations and photos.',
  ),
  summaryTitle: t('สรุปเรื่องที่จะแจ้ง', 'Your report'),
  summaryProblem: t('ปัญหา', 'Problem'),
  summaryLocation: t('ตำแหน่ง', 'Location'),
  summaryPhotos: t('รูปภาพ', 'Photos'),
  summaryPhotoCount: t('{n} รูป', '{n}'),
  summaryNoPhoto: t('ไม่มี', 'none'),
  summaryCategory: t('หมวด', 'Category'),
  summaryAsk: t(
    'พิมพ์ "ยืนยัน" เพื่อส่งเรื่อง "แก้ไข" เพื่อแก้ไข หรือ "ยกเลิก"',
    'Type "confirm" to send it, "edit" to change something, or "cancel".',
  ),
  summaryChoices: t('หมวดไม่ตรง? เลือกหมายเลข: {choices}', 'Wrong category? Pick a number: {choices}'),
  confirmWord: t('ยืนยัน', 'confirm'),
  editWord: t('แก้ไข', 'edit'),
  cancelWord: t('ยกเลิก', 'cancel'),
  editHow: t(
    'ส่งรายละเอียดใหม่ ตำแหน่งใหม่ หรือรูปเพิ่มได้เลย ข้อความใหม่จะแทนที่รายละเอียดเดิม',
    'Send a new description, a new location or more photos. A new message replaces the description.',
  ),
  notReady: t('ยังส่งเรื่องไม่ได้ ยังขาดข้อมูล', 'Not ready to send yet; something is missing.'),
  cancelled: t('ยกเลิกเรื่องที่กำลังแจ้งแล้ว ข้อมูลและรูปถูกลบแล้ว เริ่มแจ้งเรื่องใหม่ได้ทุกเมื่อ', 'Cancelled; the draft and its photos are deleted. You can start a new report at any time.'),
  nothingToCancel: t('ไม่มีเรื่องที่กำลังแจ้งอยู่', 'There is no report in progress.'),
  filing: t('กำลังส่งเรื่อง กรุณารอสักครู่', 'Sending your report; one moment please.'),
  filed: t(
    'ส่งเรื่องเรียบร้อยแล้ว\nเลขติดตามเรื่อง: {code}\nส่งถึง: {agency}\nเราจะแจ้งคุณที่นี่เมื่อสถานะเปลี่ยน พิมพ์ "สถานะ {code}" เพื่อดูความคืบหน้าได้ทุกเมื่อ',
    'Your report is filed.\nTracking number: {code}\nSent to: {agency}\nWe will tell you here when it moves. Type "status {code}" at any time.',
  ),
  filingFailed: t('ขออภัย ยังส่งเรื่องไม่สำเร็จ: {reason}', 'Sorry, the report could not be filed: {reason}'),
  filingFailedRetry: t(
    'ขออภัย ระบบขัดข้อง ยังไม่ได้ส่งเรื่อง พิมพ์ "ยืนยัน" เพื่อลองอีกครั้ง',
    'Sorry, something went wrong on our side and the report was not sent. Type "confirm" to try again.',
  ),
  statusAskCode: t('กรุณาพิมพ์ "สถานะ" ตามด้วยเลขติดตามเรื่อง เช่น สถานะ BKK-26-7Q4XKM', 'Please type "status" followed by the tracking number, e.g. status BKK-26-7Q4XKM.'),
  statusNotFound: t('ไม่พบเรื่องเลข {code} กรุณาตรวจสอบเลขติดตามเรื่องอีกครั้ง', 'No report with the tracking number {code}. Please check the number.'),
  statusUnavailable: t('ขออภัย ตอนนี้ดูสถานะไม่ได้ กรุณาลองใหม่ในอีกสักครู่', 'Sorry, the status cannot be looked up right now; please try again shortly.'),
  statusReceived: t('รับเรื่องแล้ว รอ{agency}ดำเนินการ', 'received, waiting for {agency} to take it up'),
  statusInProgress: t('{agency}กำลังดำเนินการ', '{agency} is working on it'),
  statusFixed: t('{agency}แก้ไขเรียบร้อยแล้ว', 'fixed by {agency}'),
  statusClosed: t('ปิดเรื่องโดยไม่ได้แก้ไข{reason}', 'closed without a fix{reason}'),
  statusSentence: t('เรื่อง {code} ({category}{district}) แจ้งเมื่อ {date}: {state}', 'Report {code} ({category}{district}), filed {date}: {state}.'),
} as const;

export const CLOSE_REASONS: Record<string, Text> = {
  not_our_responsibility: t('ไม่อยู่ในความรับผิดชอบของหน่วยงาน', 'not the responsibility of this agency'),
  duplicate: t('ซ้ำกับเรื่องที่มีผู้แจ้งไว้แล้ว', 'a duplicate of an earlier report'),
  cannot_fix: t('ไม่สามารถแก้ไขได้', 'it cannot be fixed'),
  withdrawn: t('ผู้แจ้งถอนเรื่อง', 'withdrawn by the reporter'),
  invalid: t('ข้อมูลไม่เพียงพอหรือไม่ใช่ปัญหาที่รับแจ้ง', 'not a report the city can act on'),
};

/** The text in the person's language with {placeholders} filled. */
export function say(text: Text, locale: Locale, values: Record<string, string | number> = {}): string {
  return text[locale].replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
