import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CategorySuggester, type CategoryInfo, type SuggesterSnapshot } from './category-suggester.ts';

const CATEGORIES_PATH = fileURLToPath(new URL('../../../../reference/categories.json', import.meta.url));
const CATEGORIES = JSON.parse(readFileSync(CATEGORIES_PATH, 'utf8')) as CategoryInfo[];

function seeded(categories: readonly CategoryInfo[] = CATEGORIES): CategorySuggester {
  const suggester = new CategorySuggester(categories);
  suggester.learnSeedVocabulary();
  return suggester;
}

const topCode = (suggester: CategorySuggester, text: string): string | undefined => suggester.suggest(text, 1)[0]?.code;

describe('CategorySuggester with the seed vocabulary only', () => {
  it('recognises plain reports of common problems', () => {
    const suggester = seeded();
    expect(topCode(suggester, 'ท่อระบายน้ำอุดตัน น้ำไม่ไหล')).toBe('drain');
    expect(topCode(suggester, 'ไฟทางดับทั้งซอย มืดมาก')).toBe('lighting');
    expect(topCode(suggester, 'สุนัขจรจัดไล่กัดเด็กนักเรียน')).toBe('stray_animals');
    expect(topCode(suggester, 'ขยะล้นถัง ไม่มีใครมาเก็บ ส่งกลิ่นเหม็น')).toBe('cleanliness');
  });

  it('returns posterior probabilities, best first, with names', () => {
    const suggestions = seeded().suggest('ถนนเป็นหลุมเป็นบ่อ รถตกหลุม', 5);
    expect(suggestions).toHaveLength(5);
    expect(suggestions[0]).toMatchObject({ code: 'road', name_th: 'ถนน' });
    expect(typeof suggestions[0].name_en).toBe('string');
    for (const [index, suggestion] of suggestions.entries()) {
      expect(suggestion.score).toBeGreaterThanOrEqual(0);
      expect(suggestion.score).toBeLessThanOrEqual(1);
      if (index > 0) expect(suggestion.score).toBeLessThanOrEqual(suggestions[index - 1].score);
    }
    const all = seeded().suggest('ถนนเป็นหลุมเป็นบ่อ รถตกหลุม', CATEGORIES.length);
    expect(all.reduce((sum, suggestion) => sum + suggestion.score, 0)).toBeCloseTo(1, 9);
  });

  it('suggests nothing for empty text or text without a known word', () => {
    const suggester = seeded();
    expect(suggester.suggest('')).toEqual([]);
    expect(suggester.suggest('  !!! 123 ครับ  ')).toEqual([]);
    expect(suggester.suggest('ถนน', 0)).toEqual([]);
  });

  it('seeds each category only once, however often it is asked to', () => {
    const once = seeded();
    const twice = seeded();
    twice.learnSeedVocabulary();
    expect(twice.toJSON()).toEqual(once.toJSON());
  });
});

describe('CategorySuggester learning from reports', () => {
  const lesson = 'รถขายไอติมเปิดเพลงวนทั้งวัน';

  it('learns from categorised reports', () => {
    const suggester = seeded();
    expect(topCode(suggester, 'รถขายไอติมมาอีกแล้ว')).not.toBe('noise');
    for (let repeat = 0; repeat < 3; repeat += 1) suggester.learn(lesson, 'noise');
    expect(topCode(suggester, 'รถขายไอติมมาอีกแล้ว')).toBe('noise');
  });

  it('unlearn undoes a wrong category exactly', () => {
    const suggester = seeded();
    const before = suggester.suggest('รถขายไอติมเปิดเพลง', 24);
    suggester.learn(lesson, 'bridge', 2);
    suggester.unlearn(lesson, 'bridge', 2);
    const after = suggester.suggest('รถขายไอติมเปิดเพลง', 24);
    expect(after.map((suggestion) => suggestion.code)).toEqual(before.map((suggestion) => suggestion.code));
    after.forEach((suggestion, index) => expect(suggestion.score).toBeCloseTo(before[index].score, 9));
  });

  it('refuses unknown categories and non-positive weights', () => {
    const suggester = seeded();
    expect(() => suggester.learn('ถนนพัง', 'no_such_code')).toThrow(/unknown category/);
    expect(() => suggester.unlearn('ถนนพัง', 'no_such_code')).toThrow(/unknown category/);
    expect(() => suggester.learn('ถนนพัง', 'road', 0)).toThrow(RangeError);
  });

  it('refuses duplicate category codes', () => {
    expect(() => new CategorySuggester([CATEGORIES[0], CATEGORIES[0]])).toThrow(/unique/);
  });
});

describe('CategorySuggester persistence', () => {
  it('round-trips through JSON text', () => {
    const suggester = seeded();
    suggester.learn('รถขายไอติมเปิดเพลงวนทั้งวัน', 'noise');
    const restored = CategorySuggester.fromJSON(JSON.parse(JSON.stringify(suggester)), CATEGORIES);
    const probe = 'ไอติม เพลง ท่อตัน';
    expect(restored.suggest(probe, 24)).toEqual(suggester.suggest(probe, 24));
  });

  it('drops retired categories and seeds new ones on request', () => {
    const [first, second, third] = CATEGORIES;
    const snapshot = seeded([first, second]).toJSON();
    const restored = CategorySuggester.fromJSON(snapshot, [second, third]);
    expect(restored.toJSON().seededCodes).toEqual([second.code]);
    restored.learnSeedVocabulary();
    expect(restored.toJSON()).toEqual(seeded([second, third]).toJSON());
  });

  it('rejects something that is not a snapshot', () => {
    const bogus = { version: 99 } as unknown as SuggesterSnapshot;
    expect(() => CategorySuggester.fromJSON(bogus, CATEGORIES)).toThrow(/snapshot/);
  });
});
