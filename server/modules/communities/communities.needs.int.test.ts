import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client, fileReport, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { jpegWithExif } from '../../../test/helpers/images.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import {
  counts, districtOffice, expectProblem, POINTS, registerCommunity, seatedMember, staff, unique,
} from './communities.test-helpers.ts';
import { markNeedsInProposal } from './communities.needs.service.ts';

let t: TestContext;
let officer: Session;
let planner: Session;
let admin: Session;
let otherOfficer: Session;
let code: string;
let member: Session;
let nearReport: string;
let farReport: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  t = await createTestApp();
  officer = await staff(t.app, t.db, 'officer', districtOffice(1004));
  planner = await staff(t.app, t.db, 'planner', districtOffice(1004));
  admin = await staff(t.app, t.db, 'admin', null);
  otherOfficer = await staff(t.app, t.db, 'officer', districtOffice(1001));
  code = await registerCommunity(t.app, officer, { households: 200 });
  member = await seatedMember(t.app, officer, code);
  nearReport = (await fileReport(t.app, null, { ...POINTS.bangRakNear })).report.code;
  farReport = (await fileReport(t.app, null, { ...POINTS.phraNakhon })).report.code;
});
afterAll(async () => { await t.close(); });

const needBody = (overrides: Record<string, unknown> = {}) => ({
  title: `ท่อระบายน้ำอุดตัน ${unique()}`,
  description: 'ฝนตกทีไรน้ำท่วมขังหน้าบ้านเป็นวัน ๆ เด็กเดินไปโรงเรียนลำบาก',
  category: 'drain',
  place_text: 'ซอยเจริญกรุง 42',
  households_affected: 35,
  since_on: '2024-05-01',
  ...overrides,
});

async function record(who: Session, overrides: Record<string, unknown> = {}, community = code) {
  const response = await client(t.app, who).post(`/api/v1/communities/${community}/needs`, needBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; rank: number; status: string };
}

async function ranks(community = code): Promise<Array<[string, number | null]>> {
  const body = (await client(t.app, null).get(`/api/v1/communities/${community}/needs`)).json() as { items: Array<{ id: string; rank: number | null; status: string }> };
  return body.items.filter((n) => n.status === 'open').map((n) => [n.id, n.rank]);
}

describe('recording a need', () => {
  it('lets a committee member record a need citing a nearby report, linked and audited', async () => {
    const response = await client(t.app, member).post(`/api/v1/communities/${code}/needs`, needBody({ report_codes: [nearReport.toLowerCase()], ...POINTS.bangRakNear }));
    expect(response.statusCode, response.body).toBe(201);
    const need = response.json();
    expect(need).toMatchObject({ status: 'open', households_affected: 35, since_on: '2024-05-01', category: { code: 'drain' }, location: POINTS.bangRakNear });
    expect(need.id).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    expect(need.evidence.reports).toEqual([expect.objectContaining({ code: nearReport, category: expect.objectContaining({ code: 'road' }), state: 'received' })]);
    expect(need.evidence.reports[0].distance_m).toBeGreaterThan(100);
    expect(need.evidence.reports[0].distance_m).toBeLessThan(200);
    expect(need.abilities).toEqual({ edit: true, move: true, attach: true });
    const links = await t.db.selectFrom('resource_links').selectAll().where('to_type', '=', 'need').execute();
    const report = await t.db.selectFrom('reports').select('id').where('code', '=', nearReport).executeTakeFirstOrThrow();
    expect(links).toEqual([expect.objectContaining({ from_type: 'report', from_id: report.id, to_type: 'need', relation: 'evidence' })]);
    const audit = await auditRows(t.db, need.id);
    expect(audit.map((a) => a.action)).toEqual(['need.create']);
    expect(audit[0]!.after).toMatchObject({ community: code, report_codes: [nearReport], households_affected: 35 });
    const detail = (await client(t.app, null).get(`/api/v1/communities/${code}`)).json();
    expect(detail.needs.map((n: { id: string }) => n.id)).toContain(need.id);
    expect(detail.needs.find((n: { id: string }) => n.id === need.id).abilities).toEqual({ edit: false, move: false, attach: false });
  });

  it('takes photos and PDFs with the need (multipart), and re-encodes the photo', async () => {
    const response = await client(t.app, member).multipart(`/api/v1/communities/${code}/needs`,
      { title: 'ทางเท้าชำรุด', description: 'ทางเท้าแตกเป็นหลุม ผู้สูงอายุสะดุดล้ม', households_affected: '12', report_codes: `${nearReport}`, rank: '1' },
      [
        { field: 'files', filename: 'hole.jpg', contentType: 'image/jpeg', data: await jpegWithExif() },
        { field: 'files', filename: 'minutes.pdf', contentType: 'application/pdf', data: PDF },
      ]);
    expect(response.statusCode, response.body).toBe(201);
    const need = response.json();
    expect(need.rank).toBe(1);
    expect(need.evidence.attachments.map((a: { kind: string; content_type: string }) => [a.kind, a.content_type])).toEqual([['photo', 'image/jpeg'], ['document', 'application/pdf']]);
    const pdf = await t.app.inject({ method: 'GET', url: need.evidence.attachments[1].url });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
  });

  it('lets staff of the district (officer, planner) and an administrator record needs too', async () => {
    for (const who of [officer, planner, admin]) await record(who);
  });

  it('refuses anonymous (401), citizens without a seat, members of another community and staff of another district (403)', async () => {
    const other = await registerCommunity(t.app, officer);
    const otherMember = await seatedMember(t.app, officer, other);
    const citizen = await signUpCitizen(t.app);
    const agent = await staff(t.app, t.db, 'agent', null);
    const before = await counts(t.db);
    expectProblem(await client(t.app, null).post(`/api/v1/communities/${code}/needs`, needBody()), 401);
    for (const who of [citizen, otherMember, otherOfficer, agent]) {
      expectProblem(await client(t.app, who).post(`/api/v1/communities/${code}/needs`, needBody()), 403);
    }
    expect(await counts(t.db)).toEqual(before);
  });

  it.each([
    ['non-numeric households', { households_affected: 'ห้าสิบ' }, 400, null],
    ['negative households', { households_affected: -1 }, 400, null],
    ['more households than the community has', { households_affected: 201 }, 422, 'households_exceed_community'],
    ['a since date in the future', { since_on: '2999-01-01' }, 422, 'date_in_future'],
    ['a pin outside the district and far from the community', { ...POINTS.phraNakhon }, 422, 'need_location_outside_district'],
    ['a pin outside Bangkok', { ...POINTS.outsideBangkok }, 422, 'need_location_outside_district'],
    ['half a pin', { lat: 13.73 }, 400, 'incomplete_location'],
    ['an unknown category', { category: 'potholes-on-mars' }, 400, 'unknown_category'],
    ['a report code that does not exist', { report_codes: ['BKK-26-ZZZZZZ'] }, 422, 'report_not_found'],
    ['a report more than 1 km away', { report_codes: ['FAR'] }, 422, 'report_too_far'],
    ['an empty title', { title: '' }, 400, null],
    ['an unknown field', { priority: 'high' }, 400, null],
  ])('refuses %s with a clear error and stores nothing', async (_label, overrides, status, problem) => {
    const farAway = (overrides as { report_codes?: string[] }).report_codes?.[0] === 'FAR';
    const body = needBody(farAway ? { report_codes: [farReport] } : overrides);
    const before = await counts(t.db);
    const answer = expectProblem(await client(t.app, member).post(`/api/v1/communities/${code}/needs`, body), status, problem ?? undefined);
    expect(answer.errors?.length ?? 0).toBeGreaterThan(0);
    expect(await counts(t.db)).toEqual(before);
  });

  it('explains how far a cited report is', async () => {
    const answer = expectProblem(await client(t.app, member).post(`/api/v1/communities/${code}/needs`, needBody({ report_codes: [farReport] })), 422);
    expect(answer.detail_th).toContain(farReport);
    expect(answer.detail_th).toMatch(/กม\./);
  });

  it('refuses a file that is neither an image nor a PDF, storing nothing', async () => {
    const before = await counts(t.db);
    const response = await client(t.app, member).multipart(`/api/v1/communities/${code}/needs`, { title: 'ไฟล์แปลก', description: 'ทดสอบ', households_affected: '1' }, [
      { field: 'files', filename: 'script.sh', contentType: 'image/jpeg', data: Buffer.from('#!/bin/sh\nrm -rf /\n') },
    ]);
    expectProblem(response, 422);
    expect(await counts(t.db)).toEqual(before);
  });
});

describe('ranking', () => {
  it('puts a new need last, or where asked with the others shifting; moves keep ranks 1..n', async () => {
    const community = await registerCommunity(t.app, officer);
    const seat = await seatedMember(t.app, officer, community);
    const a = await record(seat, {}, community);
    const b = await record(seat, {}, community);
    const c = await record(seat, { rank: 1 }, community);
    expect(await ranks(community)).toEqual([[c.id, 1], [a.id, 2], [b.id, 3]]);
    const moved = await client(t.app, seat).patch(`/api/v1/communities/${community}/needs/${b.id}`, { rank: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await ranks(community)).toEqual([[b.id, 1], [c.id, 2], [a.id, 3]]);
    await client(t.app, seat).patch(`/api/v1/communities/${community}/needs/${b.id}`, { rank: 99 });
    expect(await ranks(community)).toEqual([[c.id, 1], [a.id, 2], [b.id, 3]]);
    const audit = (await auditRows(t.db, b.id)).filter((r) => r.action === 'need.update');
    expect(audit.map((r) => [(r.before as { rank: number }).rank, (r.after as { rank: number }).rank])).toEqual([[3, 1], [1, 3]]);
  });

  it('closes the gap when a need is resolved or withdrawn, and puts a reopened need last', async () => {
    const community = await registerCommunity(t.app, officer);
    const seat = await seatedMember(t.app, officer, community);
    const [a, b, c] = [await record(seat, {}, community), await record(seat, {}, community), await record(seat, {}, community)];
    const resolved = await client(t.app, seat).patch(`/api/v1/communities/${community}/needs/${a.id}`, { status: 'resolved' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', rank: null, abilities: { move: false } });
    expect(await ranks(community)).toEqual([[b.id, 1], [c.id, 2]]);
    expectProblem(await client(t.app, seat).patch(`/api/v1/communities/${community}/needs/${a.id}`, { rank: 1 }), 409, 'need_not_ranked');
    await client(t.app, seat).patch(`/api/v1/communities/${community}/needs/${c.id}`, { status: 'withdrawn' });
    expect(await ranks(community)).toEqual([[b.id, 1]]);
    await client(t.app, seat).patch(`/api/v1/communities/${community}/needs/${a.id}`, { status: 'open' });
    expect(await ranks(community)).toEqual([[b.id, 1], [a.id, 2]]);
    expect((await auditRows(t.db, a.id)).map((r) => r.action)).toEqual(['need.create', 'need.update', 'need.update']);
  });
});

describe('changing a need', () => {
  it('replaces the cited reports and records which were added and removed', async () => {
    const need = await record(member, { report_codes: [nearReport] });
    const other = (await fileReport(t.app, null, { ...POINTS.bangRak })).report.code;
    const response = await client(t.app, member).patch(`/api/v1/communities/${code}/needs/${need.id}`, { report_codes: [other], households_affected: 40 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().evidence.reports.map((r: { code: string }) => r.code)).toEqual([other]);
    const audit = (await auditRows(t.db, need.id)).at(-1)!;
    expect(audit.after).toMatchObject({ households_affected: 40, evidence: { added: [other], removed: [nearReport] } });
    expect(audit.before).toMatchObject({ households_affected: 35 });
  });

  it('clears the pin, date and category with null', async () => {
    const need = await record(member, { ...POINTS.bangRakNear });
    const response = await client(t.app, member).patch(`/api/v1/communities/${code}/needs/${need.id}`, { lat: null, lng: null, since_on: null, category: null });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ location: null, since_on: null, category: null });
  });

  it("answers 404 for another community's need and 403 for its committee", async () => {
    const other = await registerCommunity(t.app, officer);
    const otherMember = await seatedMember(t.app, officer, other);
    const theirs = await record(otherMember, {}, other);
    const before = await counts(t.db);
    expectProblem(await client(t.app, member).patch(`/api/v1/communities/${code}/needs/${theirs.id}`, { title: 'ของเราแล้ว' }), 404);
    expectProblem(await client(t.app, member).patch(`/api/v1/communities/${other}/needs/${theirs.id}`, { title: 'ของเราแล้ว' }), 403);
    expectProblem(await client(t.app, otherOfficer).patch(`/api/v1/communities/${other}/needs/${theirs.id}`, { title: 'ของเราแล้ว' }), 403);
    expectProblem(await client(t.app, null).patch(`/api/v1/communities/${other}/needs/${theirs.id}`, { title: 'ของเราแล้ว' }), 401);
    expect(await counts(t.db)).toEqual(before);
  });

  it('refuses bad changes and stores nothing', async () => {
    const need = await record(member);
    const before = await counts(t.db);
    const url = `/api/v1/communities/${code}/needs/${need.id}`;
    expectProblem(await client(t.app, member).patch(url, { households_affected: -5 }), 400);
    expectProblem(await client(t.app, member).patch(url, { since_on: '2999-12-31' }), 422, 'date_in_future');
    expectProblem(await client(t.app, member).patch(url, { status: 'in_proposal' }), 400);
    expectProblem(await client(t.app, member).patch(url, { report_codes: [farReport] }), 422, 'report_too_far');
    expectProblem(await client(t.app, member).patch(url, {}), 400);
    expect(await counts(t.db)).toEqual(before);
  });
});

describe('attachments on a need', () => {
  it('adds and removes files, audited; refuses other people and non-images', async () => {
    const need = await record(member);
    const url = `/api/v1/communities/${code}/needs/${need.id}/attachments`;
    const photo = { field: 'files', filename: 'flood.jpg', contentType: 'image/jpeg', data: await jpegWithExif() };
    expectProblem(await client(t.app, null).multipart(url, {}, [photo]), 401);
    expectProblem(await client(t.app, otherOfficer).multipart(url, {}, [photo]), 403);
    expectProblem(await client(t.app, member).multipart(url, {}, [{ field: 'files', filename: 'x.txt', contentType: 'text/plain', data: Buffer.from('hello') }]), 422);
    expectProblem(await client(t.app, member).multipart(url, { note: 'x' }, [photo]), 400);
    const added = await client(t.app, member).multipart(url, {}, [photo]);
    expect(added.statusCode, added.body).toBe(201);
    const attachment = added.json().evidence.attachments[0];
    expect(attachment).toMatchObject({ kind: 'photo', file_name: 'flood.jpg' });
    const removed = await client(t.app, member).delete(`${url}/${attachment.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().evidence.attachments).toEqual([]);
    expect((await auditRows(t.db, need.id)).map((a) => a.action)).toEqual(['need.create', 'need.attach', 'need.detach']);
  });

  it('keeps the files of a need a proposal addresses as they are (409), and offers no attach button', async () => {
    const url = (needId: string) => `/api/v1/communities/${code}/needs/${needId}/attachments`;
    const need = await record(member);
    const added = await client(t.app, member).multipart(url(need.id), {}, [{ field: 'files', filename: 'quote.pdf', contentType: 'application/pdf', data: PDF }]);
    expect(added.statusCode, added.body).toBe(201);
    const attachment = added.json().evidence.attachments[0];
    const row = await t.db.selectFrom('community_needs').select('id').where('public_id', '=', need.id).executeTakeFirstOrThrow();
    await t.db.transaction().execute((trx) => markNeedsInProposal(trx, [row.id]));

    const before = await counts(t.db);
    const photo = { field: 'files', filename: 'flood.jpg', contentType: 'image/jpeg', data: await jpegWithExif() };
    for (const who of [member, officer]) {
      expectProblem(await client(t.app, who).multipart(url(need.id), {}, [photo]), 409, 'need_in_proposal');
      expectProblem(await client(t.app, who).delete(`${url(need.id)}/${attachment.id}`), 409, 'need_in_proposal');
    }
    expect(await counts(t.db)).toEqual(before);
    const view = (await client(t.app, member).get(`/api/v1/communities/${code}/needs/${need.id}`)).json();
    expect(view.abilities).toEqual({ edit: false, move: false, attach: false });
    expect(view.evidence.attachments.map((a: { id: string }) => a.id)).toEqual([attachment.id]);
  });
});
