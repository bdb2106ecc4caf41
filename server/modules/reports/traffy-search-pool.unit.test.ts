import { afterAll, describe, expect, it } from 'vitest';
import { searchVectorText } from './reports.search.ts';
import { createSearchVectorPool } from './traffy-search-pool.ts';

const TEXTS = [
  'ถนนเป็นหลุมลึก หน้าซอย ๑๒ รถล้มบ่อย ถนน ถนน ถนน Road',
  'ไฟดับทั้งซอย PM2.5 e-mail test@example.org v1.2.3 ก.ท.ม. don’t 3,000 บาท',
  "quote ' and backslash \\ in text",
  'น้ำท่วมขังเยอะๆ\nบรรทัดใหม่\tแท็บ',
  '',
  '!!! ...',
  'ท่อระบายน้ำอุดตัน '.repeat(300),
];

describe('search vectors from worker threads', () => {
  const pool = createSearchVectorPool(2);
  afterAll(() => pool.close());

  it('are the vectors computed inline, in the order asked', async () => {
    // Uneven slices across the two workers, and every text in several places.
    const texts = Array.from({ length: 101 }, (_, i) => `${TEXTS[i % TEXTS.length]} ${i}`);
    expect(pool.workers).toBe(2);
    expect(await pool.vectors(texts)).toEqual(texts.map(searchVectorText));
  });

  it('answer concurrent batches each with its own vectors', async () => {
    const a = TEXTS.map((t) => `${t} ก`);
    const b = TEXTS.map((t) => `${t} ข`);
    const [va, vb] = await Promise.all([pool.vectors(a), pool.vectors(b)]);
    expect(va).toEqual(a.map(searchVectorText));
    expect(vb).toEqual(b.map(searchVectorText));
    expect(await pool.vectors([])).toEqual([]);
  });

  it('are computed inline when there are no workers', async () => {
    const inline = createSearchVectorPool(0);
    expect(inline.workers).toBe(0);
    expect(await inline.vectors(TEXTS)).toEqual(TEXTS.map(searchVectorText));
    await inline.close();
  });
});
