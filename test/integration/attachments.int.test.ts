// The attachment store shared by needs, proposals and plan progress: what is kept, how
// it is judged, and how it is served.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaStore } from '../../server/platform/media/media-store.ts';
import { prepareAttachments, saveAttachments } from '../../server/platform/media/attachments.ts';
import { jpegWithExif } from '../helpers/images.ts';
import { createTestApp, type TestContext } from '../helpers/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('attachments', () => {
  it('keeps a PDF byte for byte, re-encodes a photo without its metadata, and serves both with their own type', async () => {
    const prepared = await prepareAttachments([
      { filename: 'ใบเสนอราคา.pdf', data: PDF },
      { filename: '../../etc/ภาพ.jpg', data: await jpegWithExif() },
    ]);
    expect(prepared.map((p) => p.kind)).toEqual(['document', 'photo']);
    expect(prepared[1]!.fileName).toBe('ภาพ.jpg');
    const media = createMediaStore(t.config.dataDir);
    const [pdfId, photoId] = await saveAttachments(t.db, media, { type: 'need', id: '1' }, prepared, null);

    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${pdfId}` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('ใบเสนอราคา.pdf')}`);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);

    const photo = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${photoId}` });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(photo.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    const thumb = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${photoId}?size=thumb` });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.rawPayload.length).toBeLessThan(photo.rawPayload.length);

    // The photo route of reports never serves a document as an image.
    const row = await t.db.selectFrom('attachments').select('storage_key').where('public_id', '=', pdfId!).executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: 'GET', url: `/media/${row.storage_key}` })).statusCode).toBe(404);
  });

  it('refuses what is neither a picture nor a PDF, and too many files, before storing anything', async () => {
    await expect(prepareAttachments([{ filename: 'x.exe', data: Buffer.from('MZ\x90\x00 not an image') }])).rejects.toMatchObject({ status: 422 });
    const six = Array.from({ length: 6 }, () => ({ filename: 'a.pdf', data: PDF }));
    await expect(prepareAttachments(six)).rejects.toMatchObject({ status: 422 });
    expect(await t.db.selectFrom('attachments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: '2' });
  });

  it('answers 404 in Thai and English for an unknown or malformed id', async () => {
    for (const id of ['ABCDEFGHJKLMNPQR', 'not-an-id', '0000']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ detail_th: 'ไม่พบไฟล์แนบนี้', detail_en: 'No such attachment' });
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/attachments/ABCDEFGHJKLMNPQR?size=huge' })).statusCode).toBe(400);
  });
});
