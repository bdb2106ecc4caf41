/**
 * The community registry: list, profile, registration and updates by district staff,
 * the caller's own seat, and the city reports around a community. Rules and
 * transactions live here; SQL in the repositories.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { getDistrict } from '../../platform/geo/index.ts';
import { fail } from '../../platform/http/problem.ts';
import { reportCountsNear, reportsNear } from '../reports/reports.nearby.ts';
import { checkNotFuture, checkPointInDistrict } from './communities.checks.ts';
import { communityByCode } from './communities.membership.ts';
import { createNeedsService } from './communities.needs.service.ts';
import { abilitiesFor, authorize, callerFacts, isDistrictStaffOf } from './communities.policy.ts';
import { presentDetail, presentNearby, positionRef } from './communities.presenter.ts';
import { communitiesRepository as repo, type CommunityFilters, type CommunityRow } from './communities.repository.ts';
import { NEARBY_RADIUS_DEFAULT_M, NEARBY_REPORTS_LIMIT, nextCommunityCode } from './communities.rules.ts';
import type { CommunityKind } from './communities.tables.ts';

export interface NewCommunity {
  district_code: number;
  name_th: string;
  name_en?: string | null;
  kind: CommunityKind;
  lat: number;
  lng: number;
  households: number;
  population?: number | null;
  registered_on: string;
}
export type CommunityPatch = Partial<Omit<NewCommunity, 'district_code'>>;

export function communityNotFound(code: string) {
  return fail.notFound(`ไม่พบชุมชนรหัส ${code}`, `No community with code ${code}`);
}

/** A community by code, with district names, or a 404. */
export async function requireCommunity(db: Executor, code: string): Promise<CommunityRow> {
  const row = await repo.findByCode(db, code);
  if (!row) throw communityNotFound(code);
  return row;
}

const ref = (row: CommunityRow) => ({ id: row.id, districtCode: row.district_code });

function nameTakenError(name: string, districtCode: number) {
  return fail.conflict('community_name_taken', `เขต${getDistrict(districtCode)?.name_th ?? districtCode} มีชุมชนชื่อ "${name}" อยู่แล้ว`, `${getDistrict(districtCode)?.name_en ?? districtCode} already has a community named "${name}"`);
}

const registrationDate = { th: 'วันที่จดทะเบียนชุมชน', en: 'The registration date' };

export function createCommunitiesService(deps: { db: Db; needs: ReturnType<typeof createNeedsService> }) {
  const { db, needs } = deps;

  async function list(filters: CommunityFilters, user: AuthUser | null) {
    const [result, caller] = await Promise.all([repo.list(db, filters), callerFacts(db, user)]);
    const register = caller.user?.role === 'admin' || caller.staffDistrict !== null;
    return { ...result, page: filters.page, pageSize: filters.pageSize, abilities: { register } };
  }

  async function detail(code: string, user: AuthUser | null) {
    const row = await requireCommunity(db, code);
    const caller = await callerFacts(db, user);
    const showAccounts = isDistrictStaffOf(caller, row.district_code);
    const [members, needViews] = await Promise.all([
      repo.listMembers(db, row.id, false),
      needs.viewsFor(db, row, caller),
    ]);
    return presentDetail(row, { members, showAccounts, needs: needViews, abilities: abilitiesFor(caller, ref(row)) });
  }

  async function create(user: AuthUser, actor: Actor, input: NewCommunity): Promise<string> {
    const caller = await callerFacts(db, user);
    authorize(caller, 'register', { id: '', districtCode: input.district_code });
    const name = input.name_th.trim();
    checkPointInDistrict(input.lat, input.lng, input.district_code);
    checkNotFuture(input.registered_on, 'registered_on', registrationDate);
    return db.transaction().execute(async (trx) => {
      const code = nextCommunityCode(input.district_code, await repo.highestNumber(trx, input.district_code));
      if (await repo.nameTaken(trx, input.district_code, name)) throw nameTakenError(name, input.district_code);
      const values = {
        code,
        district_code: input.district_code,
        name_th: name,
        name_en: input.name_en?.trim() || null,
        kind: input.kind,
        lat: input.lat,
        lng: input.lng,
        households: input.households,
        population: input.population ?? null,
        registered_on: input.registered_on,
      };
      await repo.insert(trx, values).catch((error: { code?: string }) => {
        // Two registrations racing past the check above meet the unique index instead.
        throw error.code === '23505' ? nameTakenError(name, input.district_code) : error;
      });
      await recordAudit(trx, actor, { action: 'community.register', entityType: 'community', entityId: code, after: values });
      return code;
    });
  }

  async function update(user: AuthUser, actor: Actor, code: string, patch: CommunityPatch): Promise<void> {
    const row = await requireCommunity(db, code);
    authorize(await callerFacts(db, user), 'edit', ref(row));
    if ((patch.lat === undefined) !== (patch.lng === undefined)) {
      throw fail.badRequest('incomplete_location', 'กรุณาระบุทั้งละติจูดและลองจิจูด', 'Give both latitude and longitude', [
        { field: patch.lat === undefined ? 'lat' : 'lng', text: { th: 'ต้องระบุคู่กัน', en: 'must be given together' } },
      ]);
    }
    if (patch.lat !== undefined && patch.lng !== undefined) checkPointInDistrict(patch.lat, patch.lng, row.district_code);
    if (patch.registered_on !== undefined) checkNotFuture(patch.registered_on, 'registered_on', registrationDate);
    const changes: Parameters<typeof repo.update>[2] = {};
    if (patch.name_th !== undefined) changes.name_th = patch.name_th.trim();
    if (patch.name_en !== undefined) changes.name_en = patch.name_en?.trim() || null;
    if (patch.kind !== undefined) changes.kind = patch.kind;
    if (patch.lat !== undefined && patch.lng !== undefined) Object.assign(changes, { lat: patch.lat, lng: patch.lng });
    if (patch.households !== undefined) changes.households = patch.households;
    if (patch.population !== undefined) changes.population = patch.population;
    if (patch.registered_on !== undefined) changes.registered_on = patch.registered_on;
    await db.transaction().execute(async (trx) => {
      await repo.lock(trx, row.id);
      if (changes.name_th && changes.name_th !== row.name_th && (await repo.nameTaken(trx, row.district_code, changes.name_th, row.id))) {
        throw nameTakenError(changes.name_th, row.district_code);
      }
      const before = Object.fromEntries(Object.keys(changes).map((k) => [k, row[k as keyof CommunityRow]]));
      await repo.update(trx, row.id, changes).catch((error: { code?: string }) => {
        // A registration or rename racing past the check above meets the unique index instead.
        throw error.code === '23505' && changes.name_th ? nameTakenError(changes.name_th, row.district_code) : error;
      });
      await recordAudit(trx, actor, { action: 'community.update', entityType: 'community', entityId: code, before, after: changes });
    });
  }

  /** The caller's current committee seat with its community, or null. */
  async function mine(user: AuthUser) {
    const caller = await callerFacts(db, user);
    if (!caller.seat) return { seat: null };
    const community = await communityByCode(db, caller.seat.communityCode);
    const district = getDistrict(caller.seat.districtCode);
    if (!community || !district) return { seat: null };
    return {
      seat: {
        community: {
          code: community.code, name_th: community.nameTh, name_en: community.nameEn,
          district: { code: district.code, name_th: district.name_th, name_en: district.name_en },
        },
        position: positionRef(caller.seat.position),
      },
    };
  }

  async function nearby(code: string, radiusM = NEARBY_RADIUS_DEFAULT_M) {
    const row = await requireCommunity(db, code);
    const [counts, reports] = await Promise.all([
      reportCountsNear(db, row.lat, row.lng, radiusM),
      reportsNear(db, row.lat, row.lng, radiusM, NEARBY_REPORTS_LIMIT),
    ]);
    return presentNearby(radiusM, { lat: row.lat, lng: row.lng }, counts, reports);
  }

  return { list, detail, create, update, mine, nearby };
}

export type CommunitiesService = ReturnType<typeof createCommunitiesService>;
