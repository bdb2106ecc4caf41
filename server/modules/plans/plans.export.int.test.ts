import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { satangToThaiWords } from '../../platform/money/money.ts';
import { addItem, agencyItemBody, createPlan, expectProblem, insertProposal, staff, type PlanView } from './plans.test-helpers.ts';

let t: TestContext;
let planner: Session;
let citizen: Session;
let plan: PlanView;

/** The plan's totals as the database holds them: live items only. */
async function databaseSums(planId: string) {
  const row = await t.db.selectFrom('plan_items as i').innerJoin('action_plans as p', 'p.id', 'i.plan_id')
    .select([
      sql<string>`coalesce(sum(i.budget_requested_satang), 0)::text`.as('requested'),
      sql<string>`coalesce(sum(i.budget_approved_satang), 0)::text`.as('approved'),
      sql<string>`coalesce(sum(i.budget_disbursed_satang), 0)::text`.as('disbursed'),
      sql<string>`count(*)::text`.as('n'),
    ])
    .where('p.public_id', '=', planId).where('i.status', '<>', 'cancelled').executeTakeFirstOrThrow();
  return { requested: BigInt(row.requested), approved: BigInt(row.approved), disbursed: BigInt(row.disbursed), n: Number(row.n) };
}

const toSatang = (baht: number) => BigInt(Math.round(baht * 100));

beforeAll(async () => {
  t = await createTestApp();
  planner = await staff(t.app, t.db, 'planner', 'district-1004');
  const agencyAdmin = await staff(t.app, t.db, 'agency_admin', 'district-1004');
  citizen = await signUpCitizen(t.app);
  plan = await createPlan(t.app, planner, 'district-1004', 2570);
  await client(t.app, agencyAdmin).patch(`/api/v1/plans/${plan.id}`, { ceiling_baht: '10,000,000' });
  const proposal = await insertProposal(t.db, { totalSatang: 123_456_78n });
  const fromProposal = (await client(t.app, planner).post(`/api/v1/plans/${plan.id}/items`, { proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายพัฒนาชุมชน' })).json().item;
  const a = await addItem(t.app, planner, plan.id, agencyItemBody({ title: 'ลอกท่อ "ซอยร่วมใจ", ช่วงที่ 1', budget_requested_baht: '2,500,000.25' }));
  const b = await addItem(t.app, planner, plan.id, agencyItemBody({ budget_requested_baht: '1,000,000' }));
  const cancelled = await addItem(t.app, planner, plan.id, agencyItemBody({ budget_requested_baht: '9,999,999' }));
  const patch = (id: string, body: unknown) => client(t.app, planner).patch(`/api/v1/plans/${plan.id}/items/${id}`, body);
  await patch(fromProposal.id, { budget_approved_baht: '120,000.78' });
  await patch(a.id, { budget_approved_baht: '2,400,000.10', budget_disbursed_baht: '1,000,000.05' });
  await patch(cancelled.id, { budget_approved_baht: '500,000' });
  await patch(cancelled.id, { status: 'cancelled', cancel_reason: 'ซ้ำกับโครงการของสำนักการระบายน้ำ' });
  await patch(b.id, { budget_approved_baht: '1,000,000' });
  const progress = await client(t.app, planner).post(`/api/v1/plans/${plan.id}/items/${b.id}/progress`, { quarter: 1, percent: 25 });
  expect(progress.statusCode, progress.body).toBe(201);
});
afterAll(async () => { await t.close(); });

describe('GET /api/v1/plans/:id/export.xlsx', () => {
  it('opens as a workbook laid out like the official table, and its totals match the database', async () => {
    const response = await client(t.app, planner).get(`/api/v1/plans/${plan.id}/export.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('action-plan-2570-district-1004.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570');
    expect(ws.getCell('A2').value).toBe('สำนักงานเขตบางรัก');
    expect(String(ws.getCell('A3').value)).toContain('1 ตุลาคม 2569 – 30 กันยายน 2570');
    expect(ws.getCell('A1').font?.name).toMatch(/Sarabun/);

    const heading = ws.getRow(5).values as unknown[];
    expect(heading.slice(1)).toEqual(['ลำดับ', 'โครงการ/กิจกรรม', 'หน่วยงานรับผิดชอบ', 'ยุทธศาสตร์/นโยบาย', 'ตัวชี้วัด', 'ค่าเป้าหมาย',
      'งบประมาณที่ขอ (บาท)', 'งบประมาณที่ได้รับอนุมัติ (บาท)', 'เบิกจ่ายแล้ว (บาท)', 'ไตรมาส 1', 'ไตรมาส 2', 'ไตรมาส 3', 'ไตรมาส 4', 'ความก้าวหน้า (%)', 'สถานะ']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(ws.getColumn(2).width).toBeGreaterThan(30);

    // Item rows: money as numbers formatted #,##0.00; a quote and a comma survive in the title.
    const rows = [6, 7, 8, 9].map((n) => ws.getRow(n));
    expect(rows.map((r) => r.getCell(1).value)).toEqual([1, 2, 3, 4]);
    expect(rows[1]!.getCell(2).value).toBe('ลอกท่อ "ซอยร่วมใจ", ช่วงที่ 1');
    expect(rows[1]!.getCell(7).value).toBe(2500000.25);
    expect(rows[1]!.getCell(7).numFmt).toBe('#,##0.00');
    expect(rows[3]!.getCell(15).value).toMatch(/^ยกเลิก/);

    const totalsRow = ws.getRow(10);
    expect(totalsRow.getCell(1).value).toMatch(/^รวมทั้งสิ้น/);
    const db = await databaseSums(plan.id);
    expect(db.n).toBe(3);
    const totals = [7, 8, 9].map((c) => totalsRow.getCell(c).value as { formula: string; result: number });
    expect(totals[0]!.formula).toMatch(/^SUMIFS\(G6:G9,O6:O9,"<>ยกเลิก\*"\)$/);
    expect(totals.map((v) => toSatang(v.result))).toEqual([db.requested, db.approved, db.disbursed]);
    expect(totalsRow.getCell(8).numFmt).toBe('#,##0.00');
    expect(String(ws.getCell('A11').value)).toBe(`งบประมาณที่ได้รับอนุมัติรวม (ตัวอักษร): ${satangToThaiWords(db.approved)}`);

    // The sum the formula would compute from the cells equals the cached result.
    const live = rows.filter((r) => !String(r.getCell(15).value).startsWith('ยกเลิก'));
    expect(toSatang(live.reduce((s, r) => s + Number(r.getCell(7).value), 0))).toBe(db.requested);
  });
});

describe('GET /api/v1/plans/:id/export.csv', () => {
  it('is UTF-8 with a BOM, one row per item, and its live sums equal the database', async () => {
    const response = await client(t.app, planner).get(`/api/v1/plans/${plan.id}/export.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parse(response.rawPayload, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(4);
    expect(records[1]!['โครงการ/กิจกรรม']).toBe('ลอกท่อ "ซอยร่วมใจ", ช่วงที่ 1');
    expect(records[1]!['งบประมาณที่ขอ (บาท)']).toBe('2500000.25');
    expect(records[1]!['งบประมาณที่ขอ (สตางค์)']).toBe('250000025');
    expect(records[0]!['รหัสข้อเสนอโครงการ']).toMatch(/^PRJ-/);
    const live = records.filter((r) => r['ยกเลิก'] === 'no');
    const sum = (column: string) => live.reduce((s, r) => s + BigInt(r[column] || '0'), 0n);
    const db = await databaseSums(plan.id);
    expect([sum('งบประมาณที่ขอ (สตางค์)'), sum('งบประมาณที่ได้รับอนุมัติ (สตางค์)'), sum('เบิกจ่ายแล้ว (สตางค์)')]).toEqual([db.requested, db.approved, db.disbursed]);
  });
});

describe('who may export', () => {
  it('drafts: the agency staff only (404 for others); published: anyone', async () => {
    for (const who of [null, citizen]) {
      expectProblem(await client(t.app, who).get(`/api/v1/plans/${plan.id}/export.xlsx`), 404);
      expectProblem(await client(t.app, who).get(`/api/v1/plans/${plan.id}/export.csv`), 404);
    }
    expect((await client(t.app, planner).patch(`/api/v1/plans/${plan.id}`, { status: 'published' })).statusCode).toBe(200);
    expect((await client(t.app, null).get(`/api/v1/plans/${plan.id}/export.xlsx`)).statusCode).toBe(200);
    expect((await client(t.app, citizen).get(`/api/v1/plans/${plan.id}/export.csv`)).statusCode).toBe(200);
  });

  it('an empty plan still exports, with zero totals', async () => {
    const empty = await createPlan(t.app, planner, 'district-1004', 2569);
    const response = await client(t.app, planner).get(`/api/v1/plans/${empty.id}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const totalsRow = wb.worksheets[0]!.getRow(6);
    expect(totalsRow.getCell(1).value).toMatch(/^รวมทั้งสิ้น/);
    expect([7, 8, 9].map((c) => totalsRow.getCell(c).value)).toEqual([0, 0, 0]);
    expect(String(wb.worksheets[0]!.getCell('A7').value)).toContain('ศูนย์บาทถ้วน');
  });
});
