import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { normalisePhone } from '../../platform/auth/auth.service.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { sha256Hex } from '../../platform/auth/tokens.ts';
import { getDistrict } from '../../platform/geo/index.ts';
import { fail } from '../../platform/http/problem.ts';
import { enqueue } from '../../platform/outbox/outbox.ts';
import type { ModuleDeps } from './callcentre.module.ts';
import { authorize, CALLCENTRE_ACTIONS } from './callcentre.policy.ts';
import { addressText, resolveDistrict, resolvePlace } from './callcentre.places.ts';
import { maskPhone } from './callcentre.readback.ts';
import { callCentreRepository as repo } from './callcentre.repository.ts';

export const HISTORY_LIMIT = 20;
export const CALLCENTRE_CHANNEL = 'call_centre';

export type FollowUp = 'none' | 'sms' | 'line';

export interface FileReportInput {
  caller_phone: string;
  caller_name?: string;
  district: number;
  subdistrict?: string;
  road?: string;
  landmark?: string;
  lat?: number;
  lng?: number;
  category: string;
  description: string;
  follow_up?: FollowUp;
  line_user_id?: string;
}

function callerPhone(raw: string, field: string): string {
  const phone = normalisePhone(raw);
  if (!phone) {
    throw fail.badRequest('invalid_phone', 'หมายเลขโทรศัพท์ไม่ถูกต้อง กรุณากรอกหมายเลขไทย เช่น 081 234 5678', 'The phone number is not valid; give a Thai number such as 081 234 5678', [
      { field, text: { th: 'หมายเลขโทรศัพท์ไม่ถูกต้อง', en: 'is not a valid Thai phone number' } },
    ]);
  }
  return phone;
}

/**
 * The audit trail names the number looked up without spelling it out: an auditor
 * who has a number can hash it and find every lookup of it; a reader of the trail
 * cannot read callers' numbers off it.
 */
function callerRef(phone: string): string {
  return `phone-sha256:${sha256Hex(phone).slice(0, 32)}`;
}

/** The message that tells the caller their report is in, with the tracking number. */
export function confirmationText(code: string, agencyTh: string): string {
  return `ศูนย์รับแจ้ง กทม. 1555 รับเรื่องของคุณแล้ว เลขติดตาม ${code} ส่งถึง${agencyTh} แล้ว`;
}

export function createCallCentreService(deps: ModuleDeps) {
  const { db, config, reports } = deps;
  const publicUrl = config.publicUrl.replace(/\/+$/, '');

  /** A caller's earlier reports, newest first. Reading them is recorded in the audit trail. */
  async function lookupCaller(user: AuthUser, actor: Actor, rawPhone: string) {
    authorize(CALLCENTRE_ACTIONS.lookupCaller, user);
    const phone = callerPhone(rawPhone, 'phone');
    return db.transaction().execute(async (trx) => {
      const counts = await repo.countFor(trx, phone);
      const rows = counts.total > 0 ? await repo.historyFor(trx, phone, HISTORY_LIMIT) : [];
      await recordAudit(trx, actor, {
        action: 'callcentre.lookup',
        entityType: 'caller',
        entityId: callerRef(phone),
        after: { phone: maskPhone(phone), total: counts.total, shown: rows.map((r) => r.code) },
      });
      return { phone, counts, rows };
    });
  }

  /** Where a place named by a caller is, as precisely as we honestly can say. */
  function resolvePlaces(user: AuthUser, query: { district: string; q?: string; lat?: number; lng?: number }) {
    authorize(CALLCENTRE_ACTIONS.resolvePlace, user);
    const named = resolveDistrict(query.district);
    const place = resolvePlace(named, { lat: query.lat, lng: query.lng });
    const address = query.q?.trim() ? `${query.q.trim().replace(/\s+/g, ' ')} เขต${place.district.name_th}` : null;
    return { place, address };
  }

  /**
   * Files a report for a caller. Everything a person can get wrong is checked before
   * anything is written; the reports service then stores the report, its routing and
   * its audit record in one transaction.
   */
  async function fileReport(user: AuthUser, actor: Actor, input: FileReportInput) {
    authorize(CALLCENTRE_ACTIONS.fileReport, user);
    const phone = callerPhone(input.caller_phone, 'caller_phone');
    const named = getDistrict(input.district);
    if (!named) {
      throw fail.badRequest('unknown_district', 'ไม่พบเขตนี้ในกรุงเทพมหานคร กรุณาเลือกจากรายชื่อ 50 เขต', 'No Bangkok district with that code; choose one of the 50 districts', [
        { field: 'district', text: { th: 'ไม่พบเขตนี้', en: 'is not a Bangkok district' } },
      ]);
    }
    const followUp = input.follow_up ?? 'none';
    if (followUp === 'line' && !input.line_user_id) {
      throw fail.badRequest('line_user_id_required', 'กรุณากรอก LINE user ID ของผู้แจ้ง เพื่อแจ้งความคืบหน้าทาง LINE', "Give the caller's LINE user id to follow up on LINE", [
        { field: 'line_user_id', text: { th: 'จำเป็นต้องกรอกเมื่อเลือกติดตามทาง LINE', en: 'is required when following up on LINE' } },
      ]);
    }
    if (followUp !== 'line' && input.line_user_id) {
      throw fail.badRequest('line_user_id_unused', 'กรอก LINE user ID แต่ไม่ได้เลือกติดตามทาง LINE', 'A LINE user id was given but follow-up is not on LINE', [
        { field: 'line_user_id', text: { th: 'ใช้ได้เมื่อเลือกติดตามทาง LINE เท่านั้น', en: 'is only used when following up on LINE' } },
      ]);
    }
    const place = resolvePlace(named, { lat: input.lat, lng: input.lng });
    const notify = followUp === 'sms'
      ? { channel: 'sms', address: phone, locale: 'th' as const }
      : followUp === 'line'
        ? { channel: 'line', address: input.line_user_id!, locale: 'th' as const }
        : null;

    // The confirmation and the call-centre record commit with the report, or not at all.
    const created = await reports.intake.create(
      {
        category: input.category,
        description: input.description,
        lat: place.lat,
        lng: place.lng,
        address: addressText(input, place.district),
        contact_name: input.caller_name ?? null,
        contact_phone: phone,
      },
      [],
      {
        user: null,
        actor,
        channel: CALLCENTRE_CHANNEL,
        notify,
        afterInsert: async (trx, filed) => {
          if (notify) {
            await enqueue(trx, {
              channel: notify.channel as 'sms' | 'line',
              recipient: notify.address,
              text: confirmationText(filed.code, filed.agencyNameTh),
              link: `${publicUrl}/r/${filed.code}`,
              subject: { type: 'report', id: filed.code },
            });
          }
          await recordAudit(trx, actor, {
            action: 'callcentre.report_filed',
            entityType: 'report',
            entityId: filed.code,
            after: {
              caller: maskPhone(phone),
              location_precision: place.precision,
              district_mismatch: place.named_district !== null,
              follow_up: followUp,
              confirmation_queued: notify !== null,
            },
          });
        },
      },
    );
    const report = await reports.query.detail(created.code, null, null);
    return { report, place, followUp, confirmationQueued: notify !== null };
  }

  return { lookupCaller, resolvePlaces, fileReport };
}

export type CallCentreService = ReturnType<typeof createCallCentreService>;
