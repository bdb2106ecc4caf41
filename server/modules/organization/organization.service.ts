import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { onPrimary } from '../../platform/db/read-routing.ts';
import { fail } from '../../platform/http/problem.ts';
import { validationError } from '../../platform/http/error-handler.ts';
import { listDistricts as listDistrictPolygons } from '../../platform/geo/districts.ts';
import { organizationRepository as repo } from './organization.repository.ts';
import { agencyReference, categoryReference } from './reference-data.ts';
import { agencyRouteReason, createReferenceCache, districtRouteReason, planFromSnapshot, type FilingPlan, type RouteDecision } from './organization.reference-cache.ts';

export type { FilingPlan, RouteDecision };

export interface CategoryPatch {
  routing_kind?: 'district_office' | 'agency';
  routing_agency_code?: string;
  first_response_hours?: number;
  fix_hours?: number;
  after_photo_required?: boolean;
}

type IntegrityRole = 'screening_officer' | 'investigator' | 'custodian' | 'integrity_head';
const INTEGRITY_ROLE_NAMES: readonly IntegrityRole[] = ['screening_officer', 'investigator', 'custodian', 'integrity_head'];

function unknownCategory(code: string) {
  return fail.badRequest('unknown_category', `ไม่รู้จักประเภทปัญหา "${code}"`, `Unknown category "${code}"`, [
    { field: 'category', text: { th: 'ไม่รู้จักประเภทปัญหานี้', en: 'is not a known category' } },
  ]);
}

export function createOrganizationService(db: Db) {
  const reference = createReferenceCache(db);
  /** Runs a change, then drops the cached reference data (after the commit: a reload before it would read the old rows). */
  async function changing<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } finally {
      reference.invalidate();
    }
  }

  /** Loads districts, agencies and categories; safe to run at every start. */
  async function loadReference(): Promise<{ districts: number; agencies: number; categories: number }> {
    const districts = listDistrictPolygons();
    const agencies = agencyReference();
    const categories = categoryReference();
    await changing(() => db.transaction().execute(async (trx) => {
      for (const d of districts) {
        await repo.upsertDistrict(trx, {
          code: d.code,
          name_th: d.name_th,
          name_en: d.name_en,
          area_km2: d.area_km2 == null ? null : String(d.area_km2),
          population_2018: d.population_2018 ?? null,
          communities_2018: d.communities_2018 ?? null,
        });
      }
      const idByCode = new Map<string, string>();
      for (const a of agencies) {
        const row = await repo.upsertAgency(trx, { code: a.code, kind: a.kind, name_th: a.name_th, name_en: a.name_en, district_code: a.district_code ?? null });
        idByCode.set(a.code, row.id);
      }
      let order = 0;
      for (const c of categories) {
        const agencyId = c.routing.kind === 'agency' ? idByCode.get(c.routing.agency_code) : null;
        if (c.routing.kind === 'agency' && !agencyId) {
          throw new Error(`reference/categories.json: category ${c.code} routes to unknown agency ${c.routing.agency_code}`);
        }
        await repo.insertCategoryIfMissing(trx, {
          code: c.code,
          name_th: c.name_th,
          name_en: c.name_en,
          description_th: c.description_th,
          description_en: c.description_en,
          routing_kind: c.routing.kind,
          routing_agency_id: agencyId ?? null,
          first_response_hours: c.first_response_hours,
          fix_hours: c.fix_hours,
          after_photo_required: c.after_photo_required,
          sort_order: order++,
        });
      }
    }));
    return { districts: districts.length, agencies: agencies.length, categories: categories.length };
  }

  async function agencyByCode(code: string, executor: Executor = db) {
    const agency = await repo.findAgencyByCode(executor, code);
    if (!agency || !agency.active) {
      throw fail.unprocessable('unknown_agency', `ไม่พบหน่วยงานรหัส "${code}"`, `No agency with code "${code}"`, [
        { field: 'agency_code', text: { th: 'ไม่พบหน่วยงานนี้', en: 'is not a known agency' } },
      ]);
    }
    return agency;
  }

  /**
   * Which agency a new staff account joins, by who creates it: agency administrators
   * only in their own agency; 1555 call-centre agents (no agency) only by a system
   * administrator.
   */
  async function agencyForNewStaff(creator: { role: string; agencyId: string | null }, role: 'officer' | 'agency_admin' | 'agent' | 'planner' | IntegrityRole, agencyCode: string | undefined) {
    if (INTEGRITY_ROLE_NAMES.includes(role as IntegrityRole)) {
      if (creator.role !== 'admin') {
        throw fail.forbidden('เฉพาะผู้ดูแลระบบสร้างบัญชีเจ้าหน้าที่หน่วยตรวจสอบการทุจริตได้', 'Only system administrators can create integrity-unit staff');
      }
      // Optional: the home agency, so conflict-of-interest rules can keep them off its cases.
      return agencyCode ? agencyByCode(agencyCode) : null;
    }
    if (role === 'agent') {
      if (creator.role !== 'admin') {
        throw fail.forbidden('เฉพาะผู้ดูแลระบบสร้างบัญชีเจ้าหน้าที่ศูนย์รับแจ้ง 1555 ได้', 'Only system administrators can create 1555 call-centre agents');
      }
      if (agencyCode) {
        throw fail.badRequest('agent_without_agency', 'เจ้าหน้าที่ศูนย์รับแจ้ง 1555 ไม่สังกัดหน่วยงาน', '1555 call-centre agents belong to no agency', [
          { field: 'agency_code', text: { th: 'ต้องเว้นว่างสำหรับเจ้าหน้าที่ 1555', en: 'must be empty for a call-centre agent' } },
        ]);
      }
      return null;
    }
    // The same answer the schema gave while agency_code was required for every role.
    if (!agencyCode) throw validationError([{ keyword: 'required', instancePath: '', params: { missingProperty: 'agency_code' } }]);
    const agency = await agencyByCode(agencyCode);
    if (creator.role === 'agency_admin' && agency.id !== creator.agencyId) {
      throw fail.forbidden('ผู้ดูแลหน่วยงานสร้างบัญชีได้เฉพาะในหน่วยงานของตนเอง', 'Agency administrators can only create staff in their own agency');
    }
    return agency;
  }

  async function categoryByCode(code: string, executor: Executor = db) {
    const category = await repo.findCategoryByCode(executor, code);
    if (!category || !category.active) throw unknownCategory(code);
    return category;
  }

  /**
   * An active category by code from the reference cache; unknown or switched off: the
   * same 400 as categoryByCode. For reads and plans: a category switched off on another
   * instance a moment ago may still be answered here until the cache reloads, but a
   * filing's statement checks the row again (planFiling's `stillCurrent`).
   */
  async function activeCategory(categoryCode: string) {
    const category = (await reference.snapshot()).categoryByCode.get(categoryCode);
    if (category?.active) return category;
    // Added or switched on since the cache was filled? One indexed read says, as before.
    const found = await onPrimary(() => repo.findCategoryByCode(db, categoryCode));
    if (!found?.active) throw unknownCategory(categoryCode);
    reference.invalidate();
    const reloaded = (await reference.snapshot()).categoryByCode.get(categoryCode);
    if (!reloaded?.active) throw unknownCategory(categoryCode);
    return reloaded;
  }

  /**
   * Category and routing for a new report, from the reference cache (see
   * organization.reference-cache.ts): the plan's `stillCurrent` must hold in the
   * statement that files the report, else call `referenceChanged()` and plan again.
   * Unknown category: the same 400 as categoryByCode.
   */
  async function planFiling(categoryCode: string, districtCode: number): Promise<FilingPlan> {
    const category = await activeCategory(categoryCode);
    let ref = await reference.snapshot();
    let plan = planFromSnapshot(ref, category, districtCode);
    if (!plan) {
      reference.invalidate();
      ref = await reference.snapshot();
      const again = ref.categoryByCode.get(categoryCode);
      if (!again?.active) throw unknownCategory(categoryCode);
      plan = planFromSnapshot(ref, again, districtCode);
    }
    if (!plan) throw new Error(`no district office for district ${districtCode}`);
    return plan;
  }

  /**
   * The responsible agency for a category at a place, with the reason in words staff
   * can check ("district office of Bang Rak: the pin is in Bang Rak").
   */
  async function route(categoryId: string, districtCode: number, executor: Executor = db): Promise<RouteDecision> {
    const category = await repo.findCategoryById(executor, categoryId);
    if (!category) throw new Error(`category ${categoryId} vanished`);
    if (category.routing_kind === 'agency' && category.routing_agency_id) {
      const agency = await repo.findAgencyById(executor, category.routing_agency_id);
      if (agency?.active) return agencyRouteReason(agency, category);
    }
    const office = await repo.findDistrictOffice(executor, districtCode);
    if (!office) throw new Error(`no district office for district ${districtCode}`);
    const district = (await repo.listDistricts(executor)).find((d) => d.code === districtCode);
    return districtRouteReason(office, district);
  }

  async function updateCategory(code: string, requested: CategoryPatch, actor: Actor) {
    let patch = requested;
    return changing(() => db.transaction().execute(async (trx) => {
      const before = await categoryByCode(code, trx);
      let routingAgencyId: string | null | undefined;
      if (patch.routing_agency_code && patch.routing_kind === 'district_office') {
        throw fail.badRequest('routing_conflict', 'เลือกส่งให้สำนักงานเขตแล้ว ไม่ต้องระบุหน่วยงาน', 'Routing to the district office takes no agency code', [
          { field: 'routing_agency_code', text: { th: 'ไม่ต้องระบุ', en: 'must be omitted' } },
        ]);
      }
      // An agency code alone means "route to this agency".
      if (patch.routing_agency_code && !patch.routing_kind) patch = { ...patch, routing_kind: 'agency' };
      if (patch.routing_kind === 'agency') {
        if (!patch.routing_agency_code) {
          throw fail.badRequest('agency_required', 'กรุณาเลือกหน่วยงานที่รับผิดชอบ', 'Choose the responsible agency', [
            { field: 'routing_agency_code', text: { th: 'จำเป็นต้องเลือก', en: 'is required' } },
          ]);
        }
        routingAgencyId = (await agencyByCode(patch.routing_agency_code, trx)).id;
      } else if (patch.routing_kind === 'district_office') {
        routingAgencyId = null;
      }
      const after = await repo.updateCategory(trx, before.id, {
        routing_kind: patch.routing_kind,
        routing_agency_id: routingAgencyId,
        first_response_hours: patch.first_response_hours,
        fix_hours: patch.fix_hours,
        after_photo_required: patch.after_photo_required,
      });
      const pick = (c: typeof before) => ({
        routing_kind: c.routing_kind,
        routing_agency_id: c.routing_agency_id,
        first_response_hours: c.first_response_hours,
        fix_hours: c.fix_hours,
        after_photo_required: c.after_photo_required,
      });
      await recordAudit(trx, actor, { action: 'category.update', entityType: 'category', entityId: code, before: pick(before), after: pick(after) });
      return after;
    }));
  }

  async function createAgency(input: { code: string; kind: 'department' | 'external'; name_th: string; name_en: string }, actor: Actor) {
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.code)) {
      throw fail.badRequest('invalid_agency_code', 'รหัสหน่วยงานใช้ได้เฉพาะ a-z 0-9 และ - (2–63 ตัว)', 'An agency code is 2–63 characters of a-z, 0-9 and -', [
        { field: 'code', text: { th: 'รูปแบบไม่ถูกต้อง', en: 'has the wrong format' } },
      ]);
    }
    return changing(() => db.transaction().execute(async (trx) => {
      if (await repo.findAgencyByCode(trx, input.code)) {
        throw fail.conflict('agency_exists', `มีหน่วยงานรหัส "${input.code}" อยู่แล้ว`, `An agency with code "${input.code}" already exists`);
      }
      const row = await repo.insertAgency(trx, { ...input, name_th: input.name_th.trim(), name_en: input.name_en.trim() });
      await recordAudit(trx, actor, { action: 'agency.create', entityType: 'agency', entityId: row.code, after: { kind: row.kind, name_th: row.name_th, name_en: row.name_en } });
      return row;
    }));
  }

  async function updateAgency(code: string, patch: { name_th?: string; name_en?: string; active?: boolean }, actor: Actor) {
    return changing(() => db.transaction().execute(async (trx) => {
      const before = await repo.findAgencyByCode(trx, code);
      if (!before) throw fail.notFound(`ไม่พบหน่วยงานรหัส "${code}"`, `No agency with code "${code}"`);
      if (patch.active === false && before.kind === 'district_office') {
        throw fail.unprocessable('district_office_required', 'ปิดสำนักงานเขตไม่ได้ เพราะเป็นผู้รับเรื่องตามพื้นที่', 'A district office cannot be deactivated: location routing depends on it');
      }
      const after = await repo.updateAgency(trx, before.id, patch);
      const pick = (a: typeof before) => ({ name_th: a.name_th, name_en: a.name_en, active: a.active });
      await recordAudit(trx, actor, { action: 'agency.update', entityType: 'agency', entityId: code, before: pick(before), after: pick(after) });
      return after;
    }));
  }

  /** Disabling an account also ends every session it has, at once. */
  async function setStaffDisabled(publicId: string, disabled: boolean, actor: Actor, scopeAgencyId: string | null) {
    return db.transaction().execute(async (trx) => {
      const user = await repo.findUserByPublicId(trx, publicId);
      if (!user || user.role === 'citizen') throw fail.notFound('ไม่พบบัญชีเจ้าหน้าที่นี้', 'No such staff account');
      if (scopeAgencyId && (user.agency_id !== scopeAgencyId || INTEGRITY_ROLE_NAMES.includes(user.role as IntegrityRole))) throw fail.forbidden('จัดการได้เฉพาะเจ้าหน้าที่ในหน่วยงานของตนเอง', 'You can only manage staff of your own agency');
      if (actor.userId === user.id) throw fail.unprocessable('cannot_disable_self', 'ปิดบัญชีของตนเองไม่ได้', 'You cannot disable your own account');
      await repo.setUserDisabled(trx, user.id, disabled);
      if (disabled) await repo.revokeSessionsOf(trx, user.id);
      await recordAudit(trx, actor, { action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: publicId, before: { disabled: !!user.disabled_at }, after: { disabled } });
    });
  }

  return {
    createAgency,
    updateAgency,
    setStaffDisabled,
    listAllAgencies: () => repo.listAllAgencies(db),
    loadReference,
    route,
    activeCategory,
    planFiling,
    /** A filing found the plan's rows changed (an edit on another instance): plan from fresh rows. */
    referenceChanged: () => reference.invalidate(),
    agencyByCode,
    agencyForNewStaff,
    categoryByCode,
    updateCategory,
    listDistricts: () => repo.listDistricts(db),
    listAgencies: () => repo.listAgencies(db),
    listCategories: () => repo.listCategories(db),
    agencyById: (id: string) => repo.findAgencyById(db, id),
    categoryById: (id: string) => repo.findCategoryById(db, id),
    listStaff: (agencyId: string | null, includeDisabled = false) => repo.listStaff(db, agencyId, includeDisabled),
    userByPublicId: (publicId: string) => repo.findUserByPublicId(db, publicId),
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
