import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, createStaff, fileReport, PLACES, type Session } from '../../../test/helpers/factories.ts';
import { buildApp } from '../../app.ts';
import { createDb, type Db } from '../../platform/db/database.ts';
import { listDistricts } from '../../platform/geo/districts.ts';
import { createOrganizationService } from './organization.service.ts';

/**
 * Filing reads categories, agencies and districts from a cache in each instance. An
 * administrator's change must still apply to the very next filing, on the instance that
 * made it and on any other (here: a second app on the same database).
 */
let t: TestContext;
let other: { app: FastifyInstance; db: Db; dataDir: string };
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-media-'));
  const db = createDb(t.databaseUrl, 3);
  const app = await buildApp({ config: { ...t.config, dataDir }, db, logger: false, background: false, loadShedding: false });
  await app.ready();
  other = { app, db, dataDir };
  admin = await createStaff(t.app, t.db, null, 'admin');
});
afterAll(async () => {
  await other.app.close();
  await other.db.destroy();
  fs.rmSync(other.dataDir, { recursive: true, force: true });
  await t.close();
});

const wires = { category: 'overhead_wires', description: 'สายไฟห้อยต่ำเกือบถึงพื้น อันตรายมาก' };

async function storedRoute(code: string) {
  return t.db.selectFrom('reports as r').innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .select(['a.code', 'r.routing_reason_en', 'r.due_fix_at', 'r.created_at']).where('r.code', '=', code).executeTakeFirstOrThrow();
}

describe('the reference cache behind filing', () => {
  it('decides exactly as route() reads it from the database, for every category and district', async () => {
    const organization = createOrganizationService(t.db);
    const categories = await t.db.selectFrom('categories').select(['id', 'code']).where('active', '=', true).execute();
    for (const district of listDistricts().filter((_, i) => i % 7 === 0)) {
      for (const category of categories) {
        const plan = await organization.planFiling(category.code, district.code);
        expect(plan.route).toEqual(await organization.route(category.id, district.code));
      }
    }
  });

  it('follows a routing change at once, on the instance that made it and on another', async () => {
    // Both instances have filed (their caches are warm) before the change.
    expect((await fileReport(t.app, null, wires)).report.agency.code).toBe('mea');
    expect((await fileReport(other.app, null, wires)).report.agency.code).toBe('mea');
    const changed = await client(t.app, admin).patch('/api/v1/admin/categories/overhead_wires', { routing_kind: 'district_office' });
    expect(changed.statusCode, changed.body).toBe(200);
    for (const app of [t.app, other.app]) {
      const { report } = await fileReport(app, null, wires);
      expect(report.agency.code).toBe('district-1004');
      expect((await storedRoute(report.code)).routing_reason_en).toBe('Bang Rak District Office: the pin is in Bang Rak');
    }
    const back = await client(other.app, admin).patch('/api/v1/admin/categories/overhead_wires', { routing_kind: 'agency', routing_agency_code: 'mea' });
    expect(back.statusCode, back.body).toBe(200);
    for (const app of [t.app, other.app]) expect((await fileReport(app, null, wires)).report.agency.code).toBe('mea');
  });

  it('follows a changed target time and an agency renamed on another instance', async () => {
    await fileReport(other.app, null, wires);
    expect((await client(t.app, admin).patch('/api/v1/admin/categories/overhead_wires', { fix_hours: 5 })).statusCode).toBe(200);
    expect((await client(t.app, admin).patch('/api/v1/admin/agencies/mea', { name_en: 'Metropolitan Electricity Authority (renamed)' })).statusCode).toBe(200);
    const { report } = await fileReport(other.app, null, wires);
    expect((report.agency as unknown as { name_en: string }).name_en).toBe('Metropolitan Electricity Authority (renamed)');
    const stored = await storedRoute(report.code);
    expect(stored.routing_reason_en).toMatch(/^Metropolitan Electricity Authority \(renamed\): /);
    expect(new Date(stored.due_fix_at).getTime() - new Date(stored.created_at).getTime()).toBe(5 * 3600_000);
  });

  it('sends a category to the district office when its agency is switched off elsewhere, and back when it returns', async () => {
    await client(t.app, admin).post('/api/v1/admin/agencies', { code: 'cache-test-agency', kind: 'department', name_th: 'หน่วยทดสอบ', name_en: 'Cache Test Unit' });
    expect((await client(t.app, admin).patch('/api/v1/admin/categories/road', { routing_kind: 'agency', routing_agency_code: 'cache-test-agency' })).statusCode).toBe(200);
    expect((await fileReport(other.app, null)).report.agency.code).toBe('cache-test-agency');
    expect((await client(t.app, admin).patch('/api/v1/admin/agencies/cache-test-agency', { active: false })).statusCode).toBe(200);
    expect((await fileReport(other.app, null)).report.agency.code).toBe('district-1004');
    expect((await client(t.app, admin).patch('/api/v1/admin/agencies/cache-test-agency', { active: true })).statusCode).toBe(200);
    expect((await fileReport(other.app, null)).report.agency.code).toBe('cache-test-agency');
    expect((await client(t.app, admin).patch('/api/v1/admin/categories/road', { routing_kind: 'district_office' })).statusCode).toBe(200);
  });

  it('sees changes made by any writer of the database, not only through the API', async () => {
    await fileReport(other.app, null);
    // A category switched off, then a new one added, behind every instance's back.
    await sql`update categories set active = false where code = 'stray_animals'`.execute(t.db);
    const refused = await client(other.app, null).post('/api/v1/reports', { category: 'stray_animals', description: 'สุนัขจรจัดหลายตัว', ...PLACES.bangRak });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('unknown_category');
    await sql`update categories set active = true where code = 'stray_animals'`.execute(t.db);
    expect((await fileReport(other.app, null, { category: 'stray_animals', description: 'สุนัขจรจัดหลายตัว' })).report.state).toBe('received');

    await sql`insert into categories (code, name_th, name_en, routing_kind, first_response_hours, fix_hours) values ('cache_new', 'หมวดใหม่', 'New category', 'district_office', 24, 48)`.execute(t.db);
    const { report } = await fileReport(other.app, null, { category: 'cache_new', description: 'เรื่องในหมวดใหม่' });
    expect(report.category).toMatchObject({ code: 'cache_new', name_en: 'New category' });
    await sql`update districts set name_en = 'Bang Rak (renamed)' where code = 1004`.execute(t.db);
    const renamed = await fileReport(other.app, null);
    expect((renamed.report.location as { district: { name_en: string } }).district.name_en).toBe('Bang Rak (renamed)');
    expect((await storedRoute(renamed.report.code)).routing_reason_en).toBe('Bang Rak District Office: the pin is in Bang Rak (renamed)');
  });
});
