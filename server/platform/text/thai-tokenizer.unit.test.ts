import { describe, expect, it } from 'vitest';
import { THAI_STOP_WORDS } from './thai-stop-words.ts';
import {
  MAX_QUERY_TOKENS,
  toSearchDocument,
  toSearchQuery,
  tokenize,
  tokenizeForClassifier,
} from './thai-tokenizer.ts';

/** Operands of a query built by toSearchQuery, unquoted again. */
function queryTerms(query: string): string[] {
  return query.split(' & ').map((term) => term.slice(1, -1).replaceAll("''", "'").replaceAll('\\\\', '\\'));
}

describe('tokenize', () => {
  it('splits Thai words the way ICU does', () => {
    expect(tokenize('ท่อระบายน้ำอุดตัน')).toEqual(['ท่อ', 'ระบาย', 'น้ำ', 'อุด', 'ตัน']);
    expect(tokenize('ท่ออุดตัน')).toEqual(['ท่อ', 'อุด', 'ตัน']);
  });

  it('drops spaces and punctuation, keeps words', () => {
    expect(tokenize('  ไฟดับ!!! (ด่วน) ... ')).toEqual(['ไฟ', 'ดับ', 'ด่วน']);
    expect(tokenize('!!! ... ---')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });

  it('lower-cases Latin and splits Latin words joined by punctuation', () => {
    expect(tokenize('Hello.World e-mail BTS')).toEqual(['hello', 'world', 'e', 'mail', 'bts']);
    expect(tokenize("Bangkok's don’t")).toEqual(['bangkoks', 'dont']);
  });

  it('keeps decimals such as PM2.5 whole', () => {
    expect(tokenize('ฝุ่น PM2.5 สูง 3.14')).toEqual(['ฝุ่น', 'pm2.5', 'สูง', '3.14']);
  });

  it('NFC-normalises so composed and decomposed input give the same token', () => {
    const decomposed = 'cafe\u0301';
    expect(tokenize(decomposed)).toEqual(tokenize('café'));
    expect(tokenize(decomposed)[0]).toBe('caf\u00e9');
  });

  it('reads Thai digits as ASCII digits', () => {
    expect(tokenize('ซอย ๑๒')).toEqual(tokenize('ซอย 12'));
  });

  it('drops the repetition mark and the dots of Thai abbreviations', () => {
    expect(tokenize('ฝุ่นเยอะๆ')).toEqual(['ฝุ่น', 'เยอะ']);
    expect(tokenize('ก.ท.ม.')).toEqual(['กทม']);
  });
});

describe('toSearchDocument', () => {
  it('joins the tokens with single spaces for to_tsvector', () => {
    expect(toSearchDocument('ท่อระบายน้ำอุดตัน หน้าบ้าน')).toBe('ท่อ ระบาย น้ำ อุด ตัน หน้า บ้าน');
    expect(toSearchDocument('...')).toBe('');
  });
});

describe('toSearchQuery', () => {
  it('ANDs quoted tokens', () => {
    expect(toSearchQuery('ท่ออุดตัน')).toBe("'ท่อ' & 'อุด' & 'ตัน'");
  });

  it('finds "ท่ออุดตัน" in "ท่อระบายน้ำอุดตัน": every query term is a document term', () => {
    const documentTerms = new Set(toSearchDocument('ท่อระบายน้ำอุดตัน').split(' '));
    const query = toSearchQuery('ท่ออุดตัน');
    expect(query).not.toBeNull();
    for (const term of queryTerms(query!)) expect(documentTerms.has(term)).toBe(true);
  });

  it('returns null when there is nothing to search for', () => {
    expect(toSearchQuery('')).toBeNull();
    expect(toSearchQuery('   ')).toBeNull();
    expect(toSearchQuery("'&|!():*<->\\")).toBeNull();
  });

  it('never lets input escape the quotes', () => {
    for (const hostile of ["a' | 'b", "x'):* & !y", "\\' & '", "ถนน' | 'ทางเท้า"]) {
      const query = toSearchQuery(hostile);
      if (query === null) continue;
      // Every operand is one quoted lexeme; no operator can appear outside quotes.
      expect(query).toMatch(/^'(?:[^'\\]|''|\\\\)*'(?: & '(?:[^'\\]|''|\\\\)*')*$/);
    }
  });

  it('removes duplicates and caps the number of terms', () => {
    expect(toSearchQuery('ถนน ถนน ถนน')).toBe("'ถนน'");
    const many = Array.from({ length: 100 }, (_, index) => `w${index}`).join(' ');
    expect(queryTerms(toSearchQuery(many)!)).toHaveLength(MAX_QUERY_TOKENS);
  });
});

describe('tokenizeForClassifier', () => {
  it('drops stop words and bare numbers but keeps content words', () => {
    expect(tokenizeForClassifier('ซอย 12 มีขยะล้นถังมากครับ')).toEqual(['ซอย', 'ขยะ', 'ล้น', 'ถัง']);
  });

  it('keeps words that look generic but carry a category', () => {
    expect(tokenizeForClassifier('เสียงรบกวน')).toEqual(['เสียง', 'รบกวน']);
    expect(tokenizeForClassifier('ไม่มีไฟ')).toEqual(['ไม่มี', 'ไฟ']);
  });

  it('lists only stop words that the segmenter yields as single tokens', () => {
    for (const word of THAI_STOP_WORDS) expect(tokenize(word)).toEqual([word]);
  });

  it('does not apply stop words to search', () => {
    expect(tokenize('ที่นี่มีขยะ')).toContain('มี');
  });
});
