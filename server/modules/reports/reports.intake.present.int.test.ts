import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, createStaff, PLACES, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { pngImage } from '../../../test/helpers/images.ts';
import { actorOf } from '../../platform/http/context.ts';
import { createMediaStore } from '../../platform/media/media-store.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { createOrganizationService } from '../organization/organization.service.ts';
import { createIntakeService } from './reports.intake.service.ts';
import { createSuggesterHolder } from './reports.suggester.ts';

/**
 * The intake answers a filing with the report as the filer sees it, built from what it
 * wrote instead of reading it back: it must be exactly what reading it back gives.
 */
let t: TestContext;
let intake: ReturnType<typeof createIntakeService>;

beforeAll(async () => {
  t = await createTestApp();
  intake = createIntakeService({ db: t.db, media: createMediaStore(t.config.dataDir), organization: createOrganizationService(t.db), suggester: createSuggesterHolder(t.db) });
});
afterAll(async () => { await t.close(); });

/** The signed-in user behind a session, as the auth hook gives it to a route. */
async function userOf(session: Session): Promise<AuthUser> {
  const row = await t.db.selectFrom('users').selectAll().where('public_id', '=', session.publicId).executeTakeFirstOrThrow();
  return { id: row.id, publicId: row.public_id, displayName: row.display_name, email: row.email, phone: row.phone, role: row.role as AuthUser['role'], agencyId: row.agency_id };
}

/** What the filer reads back right after filing. */
async function readBack(code: string, session: Session | null, reporterToken: string | null) {
  const response = await client(t.app, session, reporterToken ? { 'x-reporter-token': reporterToken } : {}).get(`/api/v1/reports/${code}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the report a filing answers with', () => {
  it('is what an anonymous filer reads back with their key (district office routing, address, contact)', async () => {
    const created = await intake.create(
      { category: 'road', description: 'ถนนยุบเป็นหลุมใหญ่หน้าตลาด  ', address: 'ซอยสีลม 3', contact_name: 'สมหญิง', contact_phone: '081-234-5678', ...PLACES.bangRak },
      [],
      { user: null, actor: actorOf(null), channel: 'web' },
    );
    expect(created.reporterToken).toBeTruthy();
    expect(asJson(created.report)).toEqual(await readBack(created.code, null, created.reporterToken));
    expect(created.report.abilities.withdraw).toBe(true);
  });

  it('is what a signed-in citizen reads back (agency routing, following)', async () => {
    const citizen = await signUpCitizen(t.app);
    const created = await intake.create(
      { category: 'overhead_wires', description: 'สายไฟห้อยต่ำเกือบถึงพื้น อันตรายมาก', ...PLACES.phraNakhon },
      [],
      { user: await userOf(citizen), actor: actorOf(null), channel: 'web' },
    );
    expect(created.report.agency.code).toBe('mea');
    expect(created.report.following).toBe(true);
    expect(asJson(created.report)).toEqual(await readBack(created.code, citizen, null));
  });

  it('is what staff of the owning agency read back (staff view: routing reason, contact)', async () => {
    const officer = await createStaff(t.app, t.db, 'district-1004', 'officer');
    const created = await intake.create(
      { category: 'road', description: 'ทางเท้าทรุดหน้าโรงเรียน', contact_email: 'Someone@Example.org', ...PLACES.bangRak },
      [],
      { user: await userOf(officer), actor: actorOf(null), channel: 'web' },
    );
    expect(created.report.staff).toBeDefined();
    expect(asJson(created.report)).toEqual(await readBack(created.code, officer, null));
  });

  it('is what the filer reads back when photos came with it', async () => {
    const created = await intake.create(
      { category: 'road', description: 'หลุมบนถนนมีรูปประกอบ', ...PLACES.bangRak },
      [await pngImage(320, 240), await pngImage(200, 300)],
      { user: null, actor: actorOf(null), channel: 'web' },
    );
    expect(created.report.photos).toHaveLength(2);
    expect(asJson(created.report)).toEqual(await readBack(created.code, null, created.reporterToken));
  });
});
