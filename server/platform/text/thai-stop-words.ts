/**
 * Words that appear in reports of every kind: particles of politeness, pronouns,
 * connectives and auxiliaries. They tell the category suggester nothing, and in a
 * naive Bayes model they would only dilute the words that do.
 *
 * Deliberately absent: words that look generic but carry a category in city reports,
 * such as รบกวน ("disturb", as in เสียงรบกวน), ทาง (as in ไฟทาง, street light),
 * หนู ("I" but also "rat"), ไม่มี ("there is no", as in ไม่มีไฟ). Search never uses this list.
 * Entries must be single tokens as Intl.Segmenter('th') produces them.
 */
export const THAI_STOP_WORDS: ReadonlySet<string> = new Set([
  // polite and sentence-final particles
  'ครับ', 'คับ', 'ค่ะ', 'คะ', 'ค่า', 'นะ', 'น่ะ', 'จ้า', 'จ้ะ', 'จ๊ะ', 'ฮะ', 'เถอะ', 'ด้วย', 'หน่อย',
  'นะคะ',
  // pronouns and forms of address
  'ผม', 'ดิฉัน', 'ฉัน', 'เรา', 'ท่าน', 'คุณ', 'เขา',
  // connectives, prepositions, classifiers of reference
  'ที่', 'และ', 'ของ', 'กับ', 'ใน', 'จาก', 'ว่า', 'หรือ', 'แต่', 'ซึ่ง', 'โดย', 'เพราะ', 'เพื่อ',
  'แก่', 'แล้ว', 'ก็', 'นี้', 'นั้น', 'นี่', 'นั่น', 'ตรง', 'บริเวณ',
  // auxiliaries and very common verbs
  'มี', 'เป็น', 'ได้', 'ให้', 'ไม่', 'จะ', 'ยัง', 'อยู่', 'คือ', 'ทำ', 'ไป', 'มา', 'กำลัง', 'เคย',
  // quantity and degree
  'มาก', 'เลย', 'ทุก', 'บ้าง', 'อีก', 'กว่า', 'เยอะ',
  // courtesy around the request itself
  'ขอ', 'กรุณา', 'ขอบคุณ', 'ขอบพระคุณ', 'แจ้ง',
]);
