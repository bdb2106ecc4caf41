import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from '../../../test/helpers/test-app.ts';
import { toSearchDocument } from '../../platform/text/thai-tokenizer.ts';
import { copyInto, copyRow } from './reports.copy.ts';
import { searchVectorText } from './reports.search.ts';

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase() });
  await client.connect();
});
afterAll(async () => { await client.end(); });

describe('bulk loading helpers', () => {
  it('the search vector sent as text is the one to_tsvector makes', async () => {
    const texts = [
      'ถนนเป็นหลุมลึก หน้าซอย ๑๒ รถล้มบ่อย ถนน ถนน',
      'ไฟดับทั้งซอย PM2.5 e-mail test@example.org v1.2.3 ก.ท.ม. don’t 3,000 บาท',
      "quote ' and backslash \\ in text",
      'น้ำท่วมขังเยอะๆ\nบรรทัดใหม่\tแท็บ',
    ];
    for (const text of texts) {
      const { rows } = await client.query("select to_tsvector('simple', $1) = $2::tsvector as same, to_tsvector('simple', $1)::text as expected", [toSearchDocument(text), searchVectorText(text)]);
      expect(rows[0].same, `${text} → ${rows[0].expected}`).toBe(true);
    }
  });

  it('COPY stores awkward text exactly, and a bad row stores nothing', async () => {
    await client.query('create temporary table copy_check (id int, note text, at timestamptz, data jsonb)');
    const note = 'tab\there, new\nline, back\\slash, \\N literally, ไทย';
    const at = new Date('2026-01-02T03:04:05.678Z');
    expect(await copyInto(client, 'copy_check', ['id', 'note', 'at', 'data'], [copyRow([1, note, at, { a: 'x\ty' }]), copyRow([2, null, null, null])])).toBe(2);
    const { rows } = await client.query('select id, note, at, data from copy_check order by id');
    expect(rows).toEqual([{ id: 1, note, at, data: { a: 'x\ty' } }, { id: 2, note: null, at: null, data: null }]);
    await expect(copyInto(client, 'copy_check', ['id'], [copyRow(['not a number'])])).rejects.toThrow(/invalid input syntax/);
    await expect(copyInto(client, 'copy_check', ['id'], (async function* () { yield copyRow([3]); throw new Error('source failed'); })())).rejects.toThrow(/source failed/);
    expect((await client.query('select count(*)::int as n from copy_check')).rows[0].n).toBe(2);
    // The connection is usable after both failures.
    expect((await client.query('select 1 as one')).rows[0].one).toBe(1);
  });
});
