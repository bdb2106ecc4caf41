import { auditInsert, type Actor } from '../../platform/audit/audit.ts';
import { newToken, publicId, sha256Hex } from '../../platform/auth/tokens.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Db, Executor, Tx } from '../../platform/db/database.ts';
import { createDistrictGrid, type DistrictGrid } from '../../platform/geo/district-grid.ts';
import { distanceMeters } from '../../platform/geo/locator.ts';
import { fail } from '../../platform/http/problem.ts';
import { processPhoto, type ProcessedImage } from '../../platform/media/image-pipeline.ts';
import type { MediaStore } from '../../platform/media/media-store.ts';
import { toSearchDocumentOf } from '../../platform/text/thai-tokenizer.ts';
import { normaliseEmail, normalisePhone } from '../../platform/auth/auth.service.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { newTrackingCode } from './reports.codes.ts';
import { intakeRepository as intakeRepo } from './reports.intake.repository.ts';
import { presentFiled } from './reports.intake.present.ts';
import { reportsRepository as repo } from './reports.repository.ts';
import type { SuggesterHolder } from './reports.suggester.ts';

export const MAX_DESCRIPTION = 4000;
export const MAX_PHOTOS = 4;
export const NEARBY_RADIUS_M = 250;

export interface NewReport {
  category: string;
  description: string;
  lat: number;
  lng: number;
  address?: string | null;
  contact_name?: string | null;
  contact_phone?: string | null;
  contact_email?: string | null;
}

const HOUR = 3600 * 1000;

/**
 * The district of a pin, as locateDistrict answers it, without a point-in-polygon test
 * for most pins (district-grid.ts). Built on the first filing, shared by every app in
 * the process.
 */
let grid: DistrictGrid | null = null;
const districtGrid = () => (grid ??= createDistrictGrid());

function field(name: string, th: string, en: string) {
  return [{ field: name, text: { th, en } }];
}

/** Rules every channel's report passes through, before anything is stored. */
export function validateNewReport(input: NewReport, photoCount: number) {
  const description = input.description.trim();
  if (description.length === 0) {
    throw fail.badRequest('description_required', 'กรุณาเล่าปัญหาที่พบ', 'Describe the problem', field('description', 'จำเป็นต้องกรอก', 'is required'));
  }
  if (description.length > MAX_DESCRIPTION) {
    throw fail.badRequest('description_too_long', `รายละเอียดยาวได้ไม่เกิน ${MAX_DESCRIPTION.toLocaleString('th-TH')} ตัวอักษร`, `The description may be at most ${MAX_DESCRIPTION} characters`, field('description', `ยาวเกิน ${MAX_DESCRIPTION} ตัวอักษร`, `is longer than ${MAX_DESCRIPTION} characters`));
  }
  if (!Number.isFinite(input.lat) || !Number.isFinite(input.lng) || Math.abs(input.lat) > 90 || Math.abs(input.lng) > 180) {
    throw fail.badRequest('invalid_location', 'ตำแหน่งไม่ถูกต้อง', 'The location is not valid', field('lat', 'ตำแหน่งไม่ถูกต้อง', 'is not a valid coordinate'));
  }
  const location = districtGrid().locate(input.lat, input.lng);
  if (!location.inside) {
    throw fail.unprocessable('outside_bangkok', 'จุดที่ปักหมุดอยู่นอกกรุงเทพมหานคร ระบบนี้รับเรื่องในเขตกรุงเทพฯ เท่านั้น', 'The pin is outside Bangkok; this service takes reports inside the city only', field('lat', 'อยู่นอกกรุงเทพฯ', 'is outside Bangkok'));
  }
  if (photoCount > MAX_PHOTOS) {
    throw fail.badRequest('too_many_photos', `แนบรูปได้ไม่เกิน ${MAX_PHOTOS} รูป`, `At most ${MAX_PHOTOS} photos`, field('photos', `เกิน ${MAX_PHOTOS} รูป`, `more than ${MAX_PHOTOS}`));
  }
  const email = input.contact_email?.trim() ? normaliseEmail(input.contact_email) : null;
  if (input.contact_email?.trim() && !email) {
    throw fail.badRequest('invalid_email', 'อีเมลติดต่อไม่ถูกต้อง', 'The contact e-mail is not valid', field('contact_email', 'อีเมลไม่ถูกต้อง', 'is not a valid e-mail'));
  }
  const phone = input.contact_phone?.trim() ? normalisePhone(input.contact_phone) : null;
  if (input.contact_phone?.trim() && !phone) {
    throw fail.badRequest('invalid_phone', 'หมายเลขโทรศัพท์ติดต่อไม่ถูกต้อง', 'The contact phone number is not valid', field('contact_phone', 'หมายเลขไม่ถูกต้อง', 'is not a valid Thai phone number'));
  }
  return {
    description,
    district: location.district,
    email,
    phone,
    name: input.contact_name?.trim() || null,
    address: input.address?.trim() || null,
  };
}

export interface IntakeDeps {
  db: Db;
  media: MediaStore;
  organization: OrganizationService;
  suggester: SuggesterHolder;
}

/** How many times a filing plans again when reference data changes under it (each time an administrator's edit). */
const MAX_REPLANS = 5;
/** A tracking code drawn twice (one in a billion) writes nothing; draw again. */
const MAX_CODE_DRAWS = 8;

/** jsonb gives keys back shortest first, then bytewise: present them the way a read would. */
function inJsonbOrder(data: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(data).sort((a, b) => a.length - b.length || (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  return Object.fromEntries(keys.map((k) => [k, data[k]]));
}

export function createIntakeService(deps: IntakeDeps) {
  const { db, media, organization, suggester } = deps;


  /**
   * Files a report from any channel. Photos are checked and re-encoded first; then the
   * report, its routing, its first timeline entries and the audit record are written in
   * one statement (with whatever else the channel writes: one transaction). If that
   * fails, the photos written to disk are removed again.
   *
   * Routing comes from the organization's reference cache; the statement writes nothing
   * if a row it was decided from changed meanwhile (an administrator's edit, on any
   * instance), and the filing is planned again from fresh rows — so routing follows an
   * edit at once, everywhere, without reading the rules on every filing.
   *
   * Returns the tracking code, the anonymous filer's key, and the report as the filer
   * sees it (what GET /api/v1/reports/{code} answers them), built from what was written.
   */
  async function create(
    input: NewReport,
    photoBuffers: Buffer[],
    who: {
      user: AuthUser | null;
      actor: Actor;
      channel: string;
      notify?: { channel: string; address: string; locale: 'th' | 'en' } | null;
      /** Channel-specific rows (an Open311 submission, a call-centre confirmation) written in the same transaction. */
      afterInsert?: (trx: Tx, report: { id: string; code: string; agencyNameTh: string }) => Promise<void>;
    },
  ) {
    const valid = validateNewReport(input, photoBuffers.length);
    let plan = await organization.planFiling(input.category, valid.district.code);
    const processed: ProcessedImage[] = [];
    for (const buffer of photoBuffers) processed.push(await processPhoto(buffer));
    const stored = await Promise.all(processed.map((p) => media.put(p.full, p.thumb)));
    const photos = stored.map((s, i) => ({ public_id: publicId(12), storage_key: s.key, thumb_key: s.thumbKey, width: processed[i]!.width, height: processed[i]!.height, bytes: processed[i]!.full.length }));
    const reporterToken = who.user ? null : newToken();
    // Only the filing's own rows: one statement, atomic by itself, needs no transaction.
    const alone = photos.length === 0 && !who.notify && !who.afterInsert;
    try {
      for (let replan = 0; ; replan++) {
        const { category, route } = plan;
        // Part by part: the description's tokens are remembered for the suggester, the names' for every filing.
        const searchDocument = toSearchDocumentOf([valid.description, category.name_th, category.name_en, valid.address ?? '']);
        const now = new Date();
        const values = {
          category_id: category.id,
          description: valid.description,
          lat: input.lat,
          lng: input.lng,
          district_code: valid.district.code,
          address: valid.address,
          state: 'received' as const,
          agency_id: route.agencyId,
          routing_reason_th: route.reasonTh,
          routing_reason_en: route.reasonEn,
          reporter_id: who.user?.id ?? null,
          reporter_token_hash: reporterToken ? sha256Hex(reporterToken) : null,
          contact_name: valid.name,
          contact_phone: valid.phone,
          contact_email: valid.email,
          channel: who.channel,
          created_at: now,
          due_first_response_at: new Date(now.getTime() + category.first_response_hours * HOUR),
          due_fix_at: new Date(now.getTime() + category.fix_hours * HOUR),
          search_document: searchDocument,
        };
        const events = [
          { kind: 'created', visibility: 'public' as const, actor_id: who.user?.id ?? null, agency_id: null, note: null, data: { channel: who.channel } },
          { kind: 'routed', visibility: 'public' as const, actor_id: null, agency_id: route.agencyId, note: null, data: { reason_th: route.reasonTh, reason_en: route.reasonEn } },
        ];
        const write = async (on: Executor) => {
          for (let draw = 0; draw < MAX_CODE_DRAWS; draw++) {
            const code = newTrackingCode();
            const outcome = await intakeRepo.fileReport(on, { ...values, code }, events, {
              stillCurrent: plan.stillCurrent,
              followerId: who.user?.id ?? null,
              audit: (inserted) => auditInsert(who.actor, [{
                action: 'report.create',
                entityType: 'report',
                entityId: code,
                after: { category: category.code, district_code: valid.district.code, agency_id: route.agencyId, state: 'received', photos: stored.length, channel: who.channel },
              }], inserted),
            });
            if (outcome.kind === 'code_taken') continue;
            if (outcome.kind === 'stale') return null;
            if (!alone) await writeRest(on as Tx, outcome);
            return outcome;
          }
          throw new Error('could not find a free tracking code');
        };
        const writeRest = async (trx: Tx, report: { id: string; code: string }) => {
          for (const p of photos) {
            await repo.insertPhoto(trx, { public_id: p.public_id, report_id: report.id, event_id: null, kind: 'before', storage_key: p.storage_key, thumb_key: p.thumb_key, external_url: null, width: p.width, height: p.height, bytes: p.bytes });
          }
          // The person is told of every state change on the channel they came from.
          if (who.notify) await repo.subscribe(trx, report.id, who.notify);
          // After the report's own audit entry, so the chain reads in order.
          if (who.afterInsert) await who.afterInsert(trx, { id: report.id, code: report.code, agencyNameTh: plan.agency.name_th });
        };
        const filed = alone ? await write(db) : await db.transaction().execute(write);
        if (!filed) {
          if (replan >= MAX_REPLANS) throw new Error('reference data kept changing while filing a report');
          organization.referenceChanged();
          plan = await organization.planFiling(input.category, valid.district.code);
          continue;
        }
        suggester.learn(valid.description, category.code);
        const report = presentFiled({
          id: filed.id,
          values: { ...values, code: filed.code },
          plan,
          districtName: plan.district ? { th: plan.district.name_th, en: plan.district.name_en } : null,
          eventIds: filed.eventIds,
          events: events.map((e) => ({ ...e, data: inJsonbOrder(e.data) })),
          photos,
          user: who.user,
          reporterTokenValid: reporterToken !== null,
        });
        return { code: filed.code, reporterToken, report };
      }
    } catch (error) {
      await Promise.all(stored.flatMap((s) => [media.remove(s.key), media.remove(s.thumbKey)]));
      throw error;
    }
  }

  /** Open reports of the same category within 250 m: "already reported?" */
  async function nearby(lat: number, lng: number, categoryCode: string) {
    // From the reference cache: the check runs while a person types, one statement each.
    const category = await organization.activeCategory(categoryCode);
    // 250 m is ~0.00225° of latitude; longitude degrees are shorter at 13.7°N, so widen a little.
    const rows = await repo.nearbyOpen(db, lat, lng, category.id, 0.0035);
    return rows
      .map((row) => ({ row, distance: distanceMeters(lat, lng, row.lat, row.lng) }))
      .filter((entry) => entry.distance <= NEARBY_RADIUS_M);
  }

  return { create, nearby };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
