/**
 * A Traffy Fondue open-data CSV of any size, for the import workload (W6): the same
 * model as the benchmark reports, written in the dataset's own columns and habits —
 * Thai type sets, organisation chains, "lon,lat", UTC timestamps with microseconds,
 * Thai state labels.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { Db } from '../../server/platform/db/database.ts';
import { createOrganizationService } from '../../server/modules/organization/organization.service.ts';
import { getDistrict } from '../../server/platform/geo/index.ts';
import { TRAFFY_COLUMNS } from '../../server/modules/reports/traffy-import.parse.ts';
import { createGenerator, type Agency, type Category, type Draft, type Route } from './generate.ts';
import { buildModel, seededRng } from './model.ts';

const CLOSED_LABELS: Record<string, string> = {
  not_our_responsibility: 'ปิดเรื่อง (ไม่อยู่ในความรับผิดชอบ)',
  duplicate: 'ปิดเรื่อง (เรื่องซ้ำ)',
  cannot_fix: 'ปิดเรื่อง',
  withdrawn: 'ปิดเรื่อง (ผู้แจ้งยกเลิก)',
  invalid: 'ปิดเรื่อง (ข้อมูลไม่ถูกต้อง)',
};

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** "2023-05-12 13:27:54.482138+00", as the dataset writes times. */
function traffyTime(at: Date): string {
  return `${at.toISOString().replace('T', ' ').slice(0, 23)}${String(Math.floor(at.getTime() % 7 * 131) % 1000).padStart(3, '0')}+00`;
}

function stateLabel(d: Draft): string {
  switch (d.state) {
    case 'received': return 'รอรับเรื่อง';
    case 'in_progress': return d.forwardTo ? 'ส่งต่อ' : 'กำลังดำเนินการ';
    case 'fixed': return 'เสร็จสิ้น';
    case 'closed': return CLOSED_LABELS[d.closeReason!] ?? 'ปิดเรื่อง';
  }
}

function row(d: Draft, ticket: string, secondType: string | null): string {
  const types = secondType ? `{${d.category.name_th},${secondType}}` : `{${d.category.name_th}}`;
  const organizations = [`เขต${d.district.name_th}`, ...(d.forwardTo ? [d.forwardTo.agency.name_th] : []), ...(d.coowner ? [d.coowner.agency.name_th] : [])];
  const fields = [
    ticket,
    types,
    organizations.join(','),
    d.description,
    `${d.lng},${d.lat}`,
    `https://storage.bench.invalid/traffy/${ticket}.jpg`,
    d.state === 'fixed' ? `https://storage.bench.invalid/traffy/${ticket}-after.jpg` : '',
    `แขวง${d.district.name_th} เขต${d.district.name_th} กรุงเทพมหานคร`,
    d.district.name_th,
    d.district.name_th,
    'กรุงเทพมหานคร',
    traffyTime(d.story.createdAt),
    stateLabel(d),
    d.story.rating ? String(d.story.rating) : '',
    String(d.story.reopenCount),
    traffyTime(d.story.updatedAt),
  ];
  return `${fields.map(csvField).join(',')}\n`;
}

/** Writes `rows` Traffy-shaped records to `file`; returns the bytes written. */
export async function writeTraffyCsv(db: Db, file: string, rows: number, seed: number, onProgress?: (done: number) => void): Promise<number> {
  const organization = createOrganizationService(db);
  const [categoryRows, agencyRows, districtRows] = await Promise.all([organization.listCategories(), organization.listAgencies(), organization.listDistricts()]);
  const now = new Date();
  const model = buildModel({ categories: categoryRows, districts: districtRows, now, years: 3, seed });
  const routes = new Map<string, Route>();
  for (const c of categoryRows) for (const d of districtRows) if (getDistrict(d.code)) routes.set(`${c.id}:${d.code}`, await organization.route(c.id, d.code));
  const rng = seededRng(seed);
  const generator = createGenerator({ model, categories: new Map(categoryRows.map((c) => [c.code, c as Category])), agencyByCode: new Map(agencyRows.map((a) => [a.code, a as Agency])), routes, now }, rng);
  const names = categoryRows.map((c) => c.name_th);
  const out = fs.createWriteStream(file);
  out.write(`\uFEFF${TRAFFY_COLUMNS.join(',')}\n`);
  let bytes = 0;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const d = generator.draft(String(i + 1));
    // Tickets as Traffy numbers them: the year, then six characters (unique here by construction).
    const ticket = `${d.story.createdAt.getUTCFullYear()}-${generator.nextCode(d.story.createdAt).slice(-6)}`;
    chunk += row(d, ticket, rng() < 0.3 ? names[Math.floor(rng() * names.length)]! : null);
    if (chunk.length > 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
      onProgress?.(i + 1);
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  onProgress?.(rows);
  return bytes;
}
