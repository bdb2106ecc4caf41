import { auditInsert, type Actor } from '../../platform/audit/audit.ts';
import { newToken, publicId, sha256Hex } from '../../platform/auth/tokens.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { distanceMeters, locateDistrict } from '../../platform/geo/locator.ts';
import { fail } from '../../platform/http/problem.ts';
import { processPhoto, type ProcessedImage } from '../../platform/media/image-pipeline.ts';
import type { MediaStore } from '../../platform/media/media-store.ts';
import { toSearchDocument } from '../../platform/text/thai-tokenizer.ts';
import { normaliseEmail, normalisePhone } from '../../platform/auth/auth.service.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { newTrackingCode } from './reports.codes.ts';
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
  const location = locateDistrict(input.lat, input.lng);
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

export function createIntakeService(deps: IntakeDeps) {
  const { db, media, organization, suggester } = deps;

  const categoryByCode = (code: string) => organization.categoryByCode(code);
  // Routing follows an administrator's change at once, on every instance: read each time.
  const routeFor = (categoryId: string, districtCode: number) => organization.route(categoryId, districtCode);

  /**
   * Files a report from any channel. Photos are checked and re-encoded first; then the
   * report, its routing, its first timeline entries and the audit record are written in
   * one transaction. If that fails, the photos written to disk are removed again.
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
    const category = await categoryByCode(input.category);
    const processed: ProcessedImage[] = [];
    for (const buffer of photoBuffers) processed.push(await processPhoto(buffer));
    const stored = await Promise.all(processed.map((p) => media.put(p.full, p.thumb)));
    const reporterToken = who.user ? null : newToken();
    try {
      const route = await routeFor(category.id, valid.district.code);
      const searchDocument = toSearchDocument(`${valid.description} ${category.name_th} ${category.name_en} ${valid.address ?? ''}`);
      const result = await db.transaction().execute(async (trx) => {
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
        // The report, its first two timeline entries and its audit entry: one statement.
        // A tracking code drawn twice (one in a billion) writes nothing; draw again.
        let report: { id: string; code: string } | undefined;
        for (let attempt = 0; attempt < 8 && !report; attempt++) {
          const code = newTrackingCode();
          report = await repo.insertFiledReport(trx, { ...values, code }, events, (inserted) => auditInsert(who.actor, [{
            action: 'report.create',
            entityType: 'report',
            entityId: code,
            after: { category: category.code, district_code: valid.district.code, agency_id: route.agencyId, state: 'received', photos: stored.length, channel: who.channel },
          }], inserted));
        }
        if (!report) throw new Error('could not find a free tracking code');
        const code = report.code;
        for (const [i, s] of stored.entries()) {
          await repo.insertPhoto(trx, { public_id: publicId(12), report_id: report.id, event_id: null, kind: 'before', storage_key: s.key, thumb_key: s.thumbKey, external_url: null, width: processed[i]!.width, height: processed[i]!.height, bytes: processed[i]!.full.length });
        }
        if (who.user) await repo.follow(trx, report.id, who.user.id);
        // The person is told of every state change on the channel they came from.
        if (who.notify) await repo.subscribe(trx, report.id, who.notify);
        // After the report's own audit entry, so the chain reads in order.
        if (who.afterInsert) {
          const agency = await organization.agencyById(route.agencyId);
          await who.afterInsert(trx, { id: report.id, code, agencyNameTh: agency?.name_th ?? '' });
        }
        return { code };
      });
      suggester.learn(valid.description, category.code);
      return { code: result.code, reporterToken };
    } catch (error) {
      await Promise.all(stored.flatMap((s) => [media.remove(s.key), media.remove(s.thumbKey)]));
      throw error;
    }
  }

  /** Open reports of the same category within 250 m: "already reported?" */
  async function nearby(lat: number, lng: number, categoryCode: string) {
    const category = await categoryByCode(categoryCode);
    // 250 m is ~0.00225° of latitude; longitude degrees are shorter at 13.7°N, so widen a little.
    const rows = await repo.nearbyOpen(db, lat, lng, category.id, 0.0035);
    return rows
      .map((row) => ({ row, distance: distanceMeters(lat, lng, row.lat, row.lng) }))
      .filter((entry) => entry.distance <= NEARBY_RADIUS_M);
  }

  return { create, nearby };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
