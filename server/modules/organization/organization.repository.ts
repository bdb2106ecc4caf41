import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * Fingerprints of the reference columns a filing depends on (names, routing rules,
 * targets, active flags): md5 of a row of plain values, so the text never depends on
 * session settings. The in-memory reference cache keeps them, and a filing checks them
 * in its own statement (referenceUnchanged), so a cached answer is never used stale.
 */
const FINGERPRINT = {
  categories: sql.raw('md5(row(categories.code, categories.name_th, categories.name_en, categories.routing_kind, categories.routing_agency_id, categories.first_response_hours, categories.fix_hours, categories.after_photo_required, categories.active)::text)'),
  agencies: sql.raw('md5(row(agencies.code, agencies.kind, agencies.name_th, agencies.name_en, agencies.district_code, agencies.active)::text)'),
  districts: sql.raw('md5(row(districts.name_th, districts.name_en)::text)'),
};

/** One reference row a decision read, found again by its key, and its fingerprint then (null: it did not exist). */
export type ReferenceCheck =
  | { kind: 'category'; id: string; fingerprint: string | null }
  | { kind: 'agency'; id: string; fingerprint: string | null }
  | { kind: 'district_office'; districtCode: number; fingerprint: string | null }
  | { kind: 'district'; code: number; fingerprint: string | null };

function currentFingerprint(check: ReferenceCheck): RawBuilder<string | null> {
  switch (check.kind) {
    case 'category': return sql`(select ${FINGERPRINT.categories} from categories where categories.id = ${check.id}::bigint)`;
    case 'agency': return sql`(select ${FINGERPRINT.agencies} from agencies where agencies.id = ${check.id}::bigint)`;
    // As findDistrictOffice finds it (one per district: agencies_district_office_key).
    case 'district_office': return sql`(select ${FINGERPRINT.agencies} from agencies where agencies.kind = 'district_office' and agencies.district_code = ${check.districtCode}::int)`;
    case 'district': return sql`(select ${FINGERPRINT.districts} from districts where districts.code = ${check.code}::int)`;
  }
}

export const organizationRepository = {
  /** Every category, agency and district with its fingerprint: what the reference cache holds. */
  async referenceRows(db: Executor) {
    const [categories, agencies, districts] = await Promise.all([
      db.selectFrom('categories').selectAll().select(sql<string>`${FINGERPRINT.categories}`.as('fingerprint')).execute(),
      db.selectFrom('agencies').selectAll().select(sql<string>`${FINGERPRINT.agencies}`.as('fingerprint')).execute(),
      db.selectFrom('districts').select(['code', 'name_th', 'name_en']).select(sql<string>`${FINGERPRINT.districts}`.as('fingerprint')).execute(),
    ]);
    return { categories, agencies, districts };
  },

  /** A condition, for a writer's own statement: every checked row is still as it was read. */
  referenceUnchanged(checks: readonly ReferenceCheck[]): RawBuilder<boolean> {
    if (checks.length === 0) return sql<boolean>`true`;
    return sql<boolean>`(${sql.join(checks.map((c) => sql`${currentFingerprint(c)} is not distinct from ${c.fingerprint}::text`), sql` and `)})`;
  },

  listDistricts(db: Executor) {
    return db.selectFrom('districts').selectAll().orderBy('code').execute();
  },

  upsertDistrict(db: Executor, d: { code: number; name_th: string; name_en: string; area_km2: string | null; population_2018: number | null; communities_2018: number | null }) {
    return db
      .insertInto('districts')
      .values(d)
      .onConflict((oc) => oc.column('code').doUpdateSet({ name_th: d.name_th, name_en: d.name_en, area_km2: d.area_km2, population_2018: d.population_2018, communities_2018: d.communities_2018 }))
      .execute();
  },

  listAgencies(db: Executor) {
    return db.selectFrom('agencies').selectAll().where('active', '=', true).orderBy('kind').orderBy('code').execute();
  },

  findAgencyByCode(db: Executor, code: string) {
    return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
  },

  findAgencyById(db: Executor, id: string) {
    return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findDistrictOffice(db: Executor, districtCode: number) {
    return db
      .selectFrom('agencies')
      .selectAll()
      .where('kind', '=', 'district_office')
      .where('district_code', '=', districtCode)
      .executeTakeFirst();
  },

  upsertAgency(db: Executor, a: { code: string; kind: 'district_office' | 'department' | 'external'; name_th: string; name_en: string; district_code: number | null }) {
    return db
      .insertInto('agencies')
      .values(a)
      // Reference loading runs at every start: it must never undo an administrator's
      // audited rename, so an existing agency is left as it is.
      .onConflict((oc) => oc.column('code').doUpdateSet({ code: a.code }))
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  insertAgency(db: Executor, a: { code: string; kind: 'department' | 'external'; name_th: string; name_en: string }) {
    return db.insertInto('agencies').values({ ...a, district_code: null }).returningAll().executeTakeFirstOrThrow();
  },

  updateAgency(db: Executor, id: string, patch: { name_th?: string; name_en?: string; active?: boolean }) {
    return db.updateTable('agencies').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  listAllAgencies(db: Executor) {
    return db.selectFrom('agencies').selectAll().orderBy('kind').orderBy('code').execute();
  },

  setUserDisabled(db: Executor, id: string, disabled: boolean) {
    return db.updateTable('users').set({ disabled_at: disabled ? new Date() : null }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  revokeSessionsOf(db: Executor, userId: string) {
    return db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  },

  listCategories(db: Executor) {
    return db
      .selectFrom('categories')
      .leftJoin('agencies', 'agencies.id', 'categories.routing_agency_id')
      .selectAll('categories')
      .select(['agencies.code as routing_agency_code', 'agencies.name_th as routing_agency_name_th', 'agencies.name_en as routing_agency_name_en'])
      .where('categories.active', '=', true)
      .orderBy('categories.sort_order')
      .execute();
  },

  findCategoryByCode(db: Executor, code: string) {
    return db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
  },

  findCategoryById(db: Executor, id: string) {
    return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Reference loading never overwrites rules and targets an administrator has changed. */
  insertCategoryIfMissing(db: Executor, c: {
    code: string; name_th: string; name_en: string; description_th: string; description_en: string;
    routing_kind: 'district_office' | 'agency'; routing_agency_id: string | null;
    first_response_hours: number; fix_hours: number; after_photo_required: boolean; sort_order: number;
  }) {
    return db.insertInto('categories').values(c).onConflict((oc) => oc.column('code').doNothing()).execute();
  },

  updateCategory(db: Executor, id: string, patch: {
    routing_kind?: 'district_office' | 'agency'; routing_agency_id?: string | null;
    first_response_hours?: number; fix_hours?: number; after_photo_required?: boolean;
  }) {
    return db.updateTable('categories').set({ ...patch, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  },

  listStaff(db: Executor, agencyId: string | null, includeDisabled = false) {
    let q = db
      .selectFrom('users')
      .leftJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.public_id', 'users.email', 'users.phone', 'users.display_name', 'users.role', 'agencies.code as agency_code', 'agencies.name_th as agency_name_th', 'agencies.name_en as agency_name_en', 'users.disabled_at'])
      .orderBy('users.display_name');
    if (!includeDisabled) q = q.where('users.disabled_at', 'is', null);
    // Integrity-unit staff are listed to system administrators only: an agency must not
    // learn which investigators come from it.
    if (agencyId) q = q.where('users.agency_id', '=', agencyId).where('users.role', 'in', ['officer', 'agency_admin', 'planner', 'agent', 'admin']);
    else q = q.where('users.role', 'in', ['officer', 'agency_admin', 'planner', 'agent', 'admin', 'screening_officer', 'investigator', 'custodian', 'integrity_head']);
    return q.execute();
  },

  findUserByPublicId(db: Executor, publicId: string) {
    return db.selectFrom('users').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  },
};
