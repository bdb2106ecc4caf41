import { THAI_STOP_WORDS } from './thai-stop-words.ts';

/**
 * Thai has no spaces between words, so every text feature (search, the category
 * suggester) goes through the ICU dictionary segmenter built into Node. Documents and
 * queries use the same function, so whatever ICU decides, both sides decide alike.
 */
const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** Thai digits ๐–๙ become 0–9 so "ซอย ๑๒" and "ซอย 12" find each other. */
const THAI_DIGIT_ZERO = 0x0e50;
const THAI_DIGITS = /[\u0e50-\u0e59]/g;

/** Letters, combining marks (Thai vowels and tone marks are marks) and digits. */
const WORD_PART = /[\p{L}\p{M}\p{N}]+(?:\.\p{N}+)*/gu;

/** "ก.ท.ม" is an abbreviation, not three words: Thai letters joined by dots lose the dots. */
const THAI_ABBREVIATION = /^[\u0e01-\u0e4e]+(?:\.[\u0e01-\u0e4e]+)+\.?$/u;

/** Mai yamok (ๆ) repeats the previous word; "เยอะๆ" means "เยอะ" for search purposes. */
const MAI_YAMOK = /\u0e46/g;

/** Apostrophes inside Latin words ("don't", "Bangkok’s") join rather than split. */
const APOSTROPHES = /['\u2019]/g;

/** A query longer than this is pasted text, not a search; the rest adds cost, not precision. */
export const MAX_QUERY_TOKENS = 32;

function normalizeDigits(text: string): string {
  return text.replace(THAI_DIGITS, (digit) => String(digit.charCodeAt(0) - THAI_DIGIT_ZERO));
}

function splitWordSegment(segment: string): string[] {
  const cleaned = segment.replace(MAI_YAMOK, '').replace(APOSTROPHES, '');
  if (THAI_ABBREVIATION.test(cleaned)) return [cleaned.replaceAll('.', '')];
  return cleaned.match(WORD_PART) ?? [];
}

/**
 * Word tokens of `text`: NFC-normalised, Latin lower-cased, Thai digits as ASCII digits,
 * punctuation and spaces dropped. Latin words joined by punctuation ("hello.World",
 * "e-mail") are split; decimals such as "PM2.5" stay whole.
 */
export function tokenize(text: string): string[] {
  if (text.length > MEMO_MAX_TEXT) return segmentWords(text);
  let tokens = recent.get(text);
  if (!tokens) {
    tokens = segmentWords(text);
    if (recent.size >= MEMO_ENTRIES) recent.delete(recent.keys().next().value!);
    recent.set(text, tokens);
  }
  // A copy: callers own what they get.
  return tokens.slice();
}

/**
 * The tokens of the last few hundred texts. Filing a report tokenizes its description
 * twice (the search document, then the category suggester learning it) and the same
 * category names every time; segmenting is the costly part, the answer never changes.
 */
const recent = new Map<string, string[]>();
const MEMO_ENTRIES = 256;
const MEMO_MAX_TEXT = 4096;

function segmentWords(text: string): string[] {
  const normalized = normalizeDigits(text.normalize('NFC')).toLowerCase();
  const tokens: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(normalized)) {
    if (!isWordLike) continue;
    tokens.push(...splitWordSegment(segment));
  }
  return tokens;
}

/**
 * Text for `to_tsvector('simple', …)`. PostgreSQL's parser cannot split Thai, so it gets
 * the words already separated by spaces; the 'simple' configuration then keeps them as
 * they are (no stemming, no stop words — Thai has no stemmer to offer).
 */
export function toSearchDocument(text: string): string {
  return tokenize(text).join(' ');
}

/** A mark or format character at the start of a part would join the space before it. */
const JOINS_PREVIOUS = /^[\p{M}\p{Cf}]/u;

/**
 * toSearchDocument(parts.join(' ')), part by part, so a part tokenized before (a
 * description, a category name) is not segmented again. A space always separates words
 * (Unicode word boundaries; ICU's Thai dictionary works within runs of Thai letters), so
 * the tokens are the same — except where a part has spaces at its ends or starts with a
 * combining mark, which then takes the plain path.
 */
export function toSearchDocumentOf(parts: readonly string[]): string {
  const separable = parts.every((part, i) => part === part.trim() && (i === 0 || !JOINS_PREVIOUS.test(part)));
  if (!separable) return toSearchDocument(parts.join(' '));
  return parts.flatMap((part) => tokenize(part)).join(' ');
}

/** Single-quoted tsquery operand: quotes doubled, backslashes escaped, so no input can break out. */
function quoteLexeme(token: string): string {
  return `'${token.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * A tsquery for `to_tsquery('simple', …)` that ANDs the words of `text`, or null when
 * the text has no words (the caller should then not search at all). Matching every word
 * rather than the exact phrase is what lets "ท่ออุดตัน" find "ท่อระบายน้ำอุดตัน".
 */
export function toSearchQuery(text: string): string | null {
  const unique = [...new Set(tokenize(text))].slice(0, MAX_QUERY_TOKENS);
  if (unique.length === 0) return null;
  return unique.map(quoteLexeme).join(' & ');
}

/** Bare numbers (house numbers, soi numbers, phone numbers) say where, not what. */
const ONLY_DIGITS = /^[\d.]+$/;

/**
 * Tokens for the category suggester: as `tokenize`, without stop words and bare numbers,
 * which occur in every kind of report and would only add noise. Search keeps them,
 * because a person searching for "ไม่มีไฟ" means those words.
 */
export function tokenizeForClassifier(text: string): string[] {
  return tokenize(text).filter((token) => !THAI_STOP_WORDS.has(token) && !ONLY_DIGITS.test(token));
}
