import { describe, expect, it } from 'vitest';
import { categoryReference } from '../../modules/organization/reference-data.ts';
import { DURATIONS, IMPACTS, PLACES, PROBLEMS, REQUESTS } from '../../modules/reports/demo-seed.phrases.ts';
import { toSearchDocument, toSearchDocumentOf, tokenize } from './thai-tokenizer.ts';

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that stress word boundaries: Thai words and marks, digits, Latin, punctuation, format characters. */
const PIECES = [
  'ถนน', 'หลุม', 'ท่อระบายน้ำ', 'อุดตัน', 'ไฟ', 'ดับ', 'เยอะๆ', 'ก.ท.ม.', '๑๒', '3.14', 'PM2.5', 'ซอย', 'น้ำท่วม', 'กรุงเทพฯ',
  'Hello', 'WORLD', "don't", 'Bangkok’s', 'e-mail', 'ΟΔΟΣ', 'Σ', 'café', 'cafe\u0301', '\u0e31', '\u0e48', '\u0301', '\u200b', '\u200d',
  ' ', '  ', '.', ',', '!', '-', '(', ')', '"', '\'', '_', '/', '\t', '๚', 'ๆ', '😀',
];

function randomText(next: () => number, maxPieces: number): string {
  const n = Math.floor(next() * maxPieces);
  let text = '';
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

describe('toSearchDocumentOf', () => {
  it('gives what toSearchDocument gives for the parts joined by spaces: filing-shaped texts', () => {
    const categories = categoryReference();
    const descriptions = [...Object.values(PROBLEMS).flat(), ...PLACES, ...DURATIONS, ...Object.values(IMPACTS).flat(), ...REQUESTS];
    let checked = 0;
    for (const [i, description] of descriptions.entries()) {
      const category = categories[i % categories.length]!;
      for (const address of ['', 'ซอยสีลม 3 ถ.สีลม', '99/1 Soi Sukhumvit 11']) {
        const parts = [description.trim(), category.name_th, category.name_en, address];
        expect(toSearchDocumentOf(parts)).toBe(toSearchDocument(parts.join(' ')));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives what toSearchDocument gives on random texts made to break it', () => {
    const next = rng(20261127);
    for (let i = 0; i < 5000; i++) {
      const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, () => randomText(next, 8));
      expect(toSearchDocumentOf(parts), JSON.stringify(parts)).toBe(toSearchDocument(parts.join(' ')));
    }
  });
});

describe('tokenize, remembered', () => {
  it('answers the same again and hands out copies the caller may change', () => {
    const first = tokenize('ท่อระบายน้ำอุดตันหน้าบ้าน');
    first.push('changed');
    const second = tokenize('ท่อระบายน้ำอุดตันหน้าบ้าน');
    expect(second).toEqual(['ท่อ', 'ระบาย', 'น้ำ', 'อุด', 'ตัน', 'หน้า', 'บ้าน']);
    // Long texts are not remembered, and tokenize the same way.
    const long = 'ถนนเป็นหลุม '.repeat(500);
    expect(tokenize(long)).toEqual(tokenize(long));
    expect(tokenize(long)).toHaveLength(1500);
  });
});
