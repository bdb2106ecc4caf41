// The attachment store shared by needs, proposals and plan progress: what is kept, how
// it is judged, and how it is served.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaStore } from '../../server/platform/media/media-store.ts';
import { prepareAttachments, saveAttachments } from '../../server/platform/media/attachments.ts';
import { client, type Session } from '../helpers/factories.ts';
import { jpegWithExif } from '../helpers/images.ts';
import { createTestApp, type TestContext } from '../helpers/test-app.ts';
import { citizen, createProposal, makeCommunity, makeNeed, office, seatedMember, staff } from '../../server/modules/proposals/proposals.test-helpers.ts';
import { publicId } from '../../server/platform/auth/tokens.ts';

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
    const community = await makeCommunity(t.db);
    const need = await makeNeed(t.db, community.id);
    const [pdfId, photoId] = await saveAttachments(t.db, media, { type: 'need', id: need.id }, prepared, null);

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

/** One PDF stored for the owner, returned by its attachment id. */
async function pdfOf(owner: { type: 'need' | 'proposal' | 'plan_progress'; id: string }): Promise<string> {
  const [id] = await saveAttachments(t.db, createMediaStore(t.config.dataDir), owner, await prepareAttachments([{ filename: 'a.pdf', data: PDF }]), null);
  return id!;
}

/** Who gets the file (200) and who is told it does not exist (the same 404 as an unknown id). */
async function expectServed(id: string, allowed: (Session | null)[], refused: (Session | null)[]) {
  for (const who of allowed) {
    const response = await client(t.app, who).get(`/api/v1/attachments/${id}`);
    expect(response.statusCode, response.body).toBe(200);
  }
  for (const who of refused) {
    const response = await client(t.app, who).get(`/api/v1/attachments/${id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ detail_th: 'ไม่พบไฟล์แนบนี้', detail_en: 'No such attachment' });
  }
}

describe('who may open an attachment', () => {
  it("serves a need's files to anyone, as the need is public; files of a need that is gone to nobody", async () => {
    const community = await makeCommunity(t.db);
    const need = await makeNeed(t.db, community.id);
    await expectServed(await pdfOf({ type: 'need', id: need.id }), [null, await citizen(t.app)], []);
    await expectServed(await pdfOf({ type: 'need', id: '987654321' }), [], [null]);
  });

  it("serves a draft proposal's files only to its committee and its district's staff; once submitted, to anyone", async () => {
    const community = await makeCommunity(t.db, 1004);
    const member = await seatedMember(t.app, t.db, community.id);
    const { id } = await createProposal(t.app, member);
    const row = await t.db.selectFrom('proposals').select('id').where('public_id', '=', id).executeTakeFirstOrThrow();
    const file = await pdfOf({ type: 'proposal', id: row.id });
    const officer = await staff(t.app, t.db, 'officer', office(1004));
    const admin = await staff(t.app, t.db, 'admin', null);
    const otherCommittee = await seatedMember(t.app, t.db, (await makeCommunity(t.db, 1004)).id);
    const otherDistrict = await staff(t.app, t.db, 'planner', office(1001));
    const stranger = await citizen(t.app);
    await expectServed(file, [member, officer, admin], [null, stranger, otherCommittee, otherDistrict]);
    expect((await client(t.app, otherDistrict).get(`/api/v1/attachments/${file}?size=thumb`)).statusCode).toBe(404);

    expect((await client(t.app, member).post(`/api/v1/proposals/${id}/submit`, {})).statusCode).toBe(200);
    await expectServed(file, [null, stranger, otherCommittee, otherDistrict], []);
  });

  it("serves a progress report's photos once its plan is published; before, only to the plan agency's staff", async () => {
    const agency = await t.db.selectFrom('agencies').select('id').where('code', '=', office(1004)).executeTakeFirstOrThrow();
    const plan = await t.db.insertInto('action_plans').values({ public_id: `AP-${publicId(8)}`, agency_id: agency.id, fiscal_year: 2570 })
      .returning('id').executeTakeFirstOrThrow();
    const item = await t.db.insertInto('plan_items').values({
      public_id: `PI-${publicId(8)}`, plan_id: plan.id, position: 1, title: 'ลอกท่อระบายน้ำ', responsible_unit: 'ฝ่ายโยธา', source: 'agency', budget_requested_satang: '100000',
    }).returning('id').executeTakeFirstOrThrow();
    const report = await t.db.insertInto('plan_progress_reports').values({ item_id: item.id, quarter: 1, percent: '25' }).returning('id').executeTakeFirstOrThrow();
    const file = await pdfOf({ type: 'plan_progress', id: report.id });

    const officer = await staff(t.app, t.db, 'officer', office(1004));
    const admin = await staff(t.app, t.db, 'admin', null);
    const otherAgency = await staff(t.app, t.db, 'planner', office(1001));
    const stranger = await citizen(t.app);
    await expectServed(file, [officer, admin], [null, stranger, otherAgency]);

    await t.db.updateTable('action_plans').set({ status: 'published', published_at: new Date() }).where('id', '=', plan.id).execute();
    await expectServed(file, [null, stranger, otherAgency], []);
    await expectServed(await pdfOf({ type: 'plan_progress', id: '987654321' }), [], [admin]);
  });
});
