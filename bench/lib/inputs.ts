/**
 * What the workloads ask for, drawn from the benchmark database before a run: tracking
 * codes that exist, points near open reports (and some where nothing is), searches
 * people make, new reports in Bangkok's proportions, and the figures queries.
 */
import { sql } from 'kysely';
import type { Db } from '../../server/platform/db/database.ts';
import { createOrganizationService } from '../../server/modules/organization/organization.service.ts';
import { describeProblem } from '../../server/modules/reports/demo-seed.story.ts';
import { buildModel, seededRng } from './model.ts';
import type { WorkloadInputs } from './workloads.ts';

/** What people type into the search box: short, often a problem and a place word. */
const SEARCH_WORDS = [
  'ถนนหลุม', 'หลุม', 'ไฟดับ', 'ไฟส่องสว่าง', 'ท่ออุดตัน', 'น้ำท่วม', 'น้ำท่วมขัง', 'ขยะ', 'ขยะล้น', 'ทางเท้า', 'ทางเท้าชำรุด',
  'สายไฟ', 'กิ่งไม้', 'ต้นไม้ล้ม', 'สุนัขจรจัด', 'เสียงดัง', 'ฝุ่น', 'หน้าโรงเรียน', 'ปากซอย', 'ตลาด', 'สะพานลอย', 'คลอง',
  'ป้ายรถเมล์', 'ฝาท่อ', 'รถจอดขวาง', 'แผงลอย', 'ผักตบชวา', 'ห้องน้ำสาธารณะ', 'ทางม้าลาย', 'กล้องวงจรปิด',
];

const bangkokDay = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export async function prepareInputs(db: Db, reports: number, seed: number): Promise<WorkloadInputs> {
  const rng = seededRng(seed + 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  // A sample of a few thousand rows whatever the table's size.
  const percent = Math.min(100, Math.max(0.01, (20_000 / Math.max(1, reports)) * 100));
  const codes = (await sql<{ code: string }>`select code from reports tablesample system (${sql.lit(percent)}) limit 5000`.execute(db)).rows.map((r) => r.code);
  const open = (await sql<{ lat: number; lng: number; category: string }>`
    select r.lat, r.lng, c.code as category from reports r tablesample system (${sql.lit(Math.min(100, percent * 5))})
    join categories c on c.id = r.category_id where r.state in ('received', 'in_progress') limit 3000`.execute(db)).rows;

  const organization = createOrganizationService(db);
  const [categories, districts] = await Promise.all([organization.listCategories(), organization.listDistricts()]);
  const model = buildModel({ categories, districts, now: new Date(), years: 1, seed });
  const nearby: WorkloadInputs['nearby'] = [];
  for (let i = 0; i < 3000; i++) {
    if (open.length > 0 && rng() < 0.75) {
      // Someone standing near a reported problem, asking about its category.
      const o = pick(open);
      nearby.push({ lat: Math.round((o.lat + (rng() - 0.5) * 0.002) * 1e6) / 1e6, lng: Math.round((o.lng + (rng() - 0.5) * 0.002) * 1e6) / 1e6, category: o.category });
    } else {
      const district = model.sampleDistrict(rng);
      const p = model.samplePoint(rng, district);
      nearby.push({ ...p, category: model.sampleCategory(rng, 6, false) });
    }
  }

  const bodies: WorkloadInputs['bodies'] = [];
  for (let i = 0; i < 3000; i++) {
    const district = model.sampleDistrict(rng);
    const category = model.sampleCategory(rng, new Date().getUTCMonth(), false);
    bodies.push({ category, description: describeProblem(rng, category, district.name_th), ...model.samplePoint(rng, district) });
  }

  const today = bangkokDay(new Date());
  const from90 = bangkokDay(new Date(Date.now() - 89 * 24 * 3600_000));
  const searches: string[] = [];
  for (let i = 0; i < 600; i++) {
    const q = `q=${encodeURIComponent(pick(SEARCH_WORDS))}`;
    const filter = Math.floor(rng() * 4);
    if (filter === 0) searches.push(`${q}&district=${pick(districts).code}`);
    else if (filter === 1) searches.push(`${q}&category=${pick(categories).code}`);
    else if (filter === 2) searches.push(`${q}&state=${pick(['received', 'in_progress', 'fixed'])}`);
    else searches.push(`${q}&from=${from90}`);
  }

  const figures: string[] = [];
  for (const d of districts) {
    figures.push(`from=${from90}&to=${today}`);
    figures.push(`district=${d.code}&from=${from90}&to=${today}`);
  }
  return { codes, nearby, searches, bodies, figures };
}
