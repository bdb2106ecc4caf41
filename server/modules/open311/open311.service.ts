import crypto from 'node:crypto';
import { publicId } from '../../platform/auth/tokens.ts';
import type { AppConfig } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import { onPrimary, readingFromReplica } from '../../platform/db/read-routing.ts';
import type { ReportState } from '../../platform/db/schema.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { OrganizationService } from '../organization/organization.service.ts';
import { categoryReference } from '../organization/reference-data.ts';
import { normaliseTrackingCode } from '../reports/reports.codes.ts';
import { MAX_DESCRIPTION } from '../reports/reports.intake.service.ts';
import type { ReportsServices } from '../reports/reports.module.ts';
import type { Open311ClientsService } from './open311.clients.service.ts';
import { o311 } from './open311.errors.ts';
import { dateWindow, list, paging, single, statuses, type Open311Status } from './open311.params.ts';
import { presentDiscovery, presentService, serviceNotice } from './open311.presenter.ts';
import { open311Repository as repo, type RequestFilters, type RequestRow } from './open311.repository.ts';

export interface Open311Deps {
  db: Db;
  config: AppConfig;
  reports: ReportsServices;
  organization: OrganizationService;
  clients: Open311ClientsService;
}

type Raw = string | string[] | undefined;

const STATES: Record<Open311Status, ReportState[]> = { open: ['received', 'in_progress'], closed: ['fixed', 'closed'] };

/** The fields GeoReport v2 defines for POST Service Request (attribute[...] aside). */
const POST_FIELDS = new Set([
  'api_key', 'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id',
  'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url', 'locale',
]);
const MAX_LENGTH: Record<string, number> = {
  address_string: 500, address_id: 200, email: 254, device_id: 200, account_id: 200,
  first_name: 100, last_name: 100, phone: 40, media_url: 2000, jurisdiction_id: 200,
};
const COORDINATE = /^[+-]?\d{1,3}(\.\d{1,15})?$/;

function optional(form: Record<string, string>, field: string): string | null {
  const value = form[field]?.trim();
  return value ? value : null;
}

/** Requests kept in memory between polls, and for how long at most (names of categories and agencies can change). */
const ROW_CACHE_SIZE = 20_000;
const ROW_CACHE_MS = 60_000;

/** The same value the repository's pageFingerprint computes in SQL, from the page's keys. */
export function fingerprintOf(keys: ReadonlyArray<{ id: string; version: string }>): string {
  if (keys.length === 0) return '0:';
  return `${keys.length}:${crypto.createHash('md5').update(keys.map((k) => `${k.id}:${k.version}`).join(',')).digest('hex')}`;
}

/**
 * A page of GET Service Requests: its fingerprint (null when it has none), known after
 * one short query, and its rows, read only when asked for — a client polling an
 * unchanged page is answered from the fingerprint alone (see the JSON route).
 */
export interface RequestPage {
  fingerprint: string | null;
  load(): Promise<PageRows>;
}

export interface PageRows {
  rows: RequestRow[];
  /** Null: not to be kept. */
  fingerprint: string | null;
  /** Until when the rows' names may be trusted (the row cache's limit). */
  until: number;
}

export function createOpen311Service(deps: Open311Deps) {
  const { db, config, reports, organization, clients } = deps;
  // Open311 clients poll the same list over and over, and most of it has not changed
  // since the last poll. A page is read as ids and last-change times (one narrow index
  // scan), and only the requests that changed, or were not seen recently, are read in
  // full: each request is as fresh as its updated_at.
  const rowCache = new Map<string, { row: RequestRow; version: string; until: number }>();

  async function rowsForPage(filters: RequestFilters): Promise<PageRows> {
    const keys = await repo.listRequestKeys(db, filters);
    const now = Date.now();
    const missing: string[] = [];
    for (const k of keys) {
      const hit = rowCache.get(k.id);
      if (!hit || hit.version !== k.version || hit.until < now) missing.push(k.id);
    }
    if (missing.length > 0) {
      for (const row of await repo.requestsByIds(db, missing)) {
        rowCache.delete(row.id);
        rowCache.set(row.id, { row, version: row.version, until: now + ROW_CACHE_MS });
      }
      // Least recently stored first out.
      for (const id of rowCache.keys()) {
        if (rowCache.size <= ROW_CACHE_SIZE) break;
        rowCache.delete(id);
      }
    }
    // A row read after its key may be newer than the key: the page is then made of the
    // newer rows, and named by what it holds.
    let until = now + ROW_CACHE_MS;
    const rows = keys.flatMap((k) => {
      const hit = rowCache.get(k.id);
      if (hit) until = Math.min(until, hit.until);
      return hit ? [hit.row] : [];
    });
    return { rows, fingerprint: fingerprintOf(rows), until };
  }

  function keywordsOf(code: string, locale: Locale): string[] {
    const ref = categoryReference().find((c) => c.code === code);
    return (locale === 'en' ? ref?.seed_keywords_en : ref?.seed_keywords_th)?.slice(0, 10) ?? [];
  }

  async function services(locale: Locale) {
    const categories = await organization.listCategories();
    return categories.map((c) => presentService(c, keywordsOf(c.code, locale), locale));
  }

  async function activeCategory(code: string) {
    return (await organization.listCategories()).find((c) => c.code === code) ?? null;
  }

  /** No service asks for more than the spec's own fields, so every definition is empty. */
  async function serviceDefinition(code: string) {
    if (!(await activeCategory(code))) {
      throw o311.notFound(`ไม่พบบริการรหัส "${code}" ดูรายการได้ที่ services.json`, `No service with code "${code}"; see services.json`);
    }
    return { service_code: code, attributes: [] as unknown[] };
  }

  async function discovery() {
    return presentDiscovery(config.publicUrl, await repo.categoriesChangedAt(db));
  }

  /**
   * POST Service Request. The key is checked before anything else; then every field the
   * spec defines, then the report goes through the same intake as every other channel
   * (description, Bangkok, category). Nothing is stored unless all of it passes.
   */
  async function submit(form: Record<string, string>) {
    const client = await clients.authenticate(form.api_key?.trim());
    if (!client) {
      throw form.api_key?.trim()
        ? o311.forbidden('api_key ไม่ถูกต้องหรือถูกเพิกถอนแล้ว', 'The api_key is unknown or has been revoked')
        : o311.forbidden('ต้องระบุ api_key ขอคีย์ได้จากผู้ดูแลระบบ', 'An api_key is required; ask the system administrators for one');
    }
    const unknown = Object.keys(form).find((k) => !POST_FIELDS.has(k) && !/^attribute\[[^\]]*\]$/.test(k));
    if (unknown !== undefined) throw o311.badRequest(`ไม่รู้จักพารามิเตอร์ "${unknown}"`, `Unknown parameter "${unknown}"`);
    for (const [field, max] of Object.entries(MAX_LENGTH)) {
      if ((form[field]?.length ?? 0) > max) throw o311.badRequest(`${field} ยาวได้ไม่เกิน ${max} ตัวอักษร`, `${field} may be at most ${max} characters`);
    }
    const serviceCode = optional(form, 'service_code');
    if (!serviceCode) throw o311.badRequest('ต้องระบุ service_code ดูรายการได้ที่ services.json', 'service_code is required; see services.json');
    if (!(await activeCategory(serviceCode))) {
      throw o311.badRequest(`ไม่รู้จัก service_code "${serviceCode}" ดูรายการได้ที่ services.json`, `Unknown service_code "${serviceCode}"; see services.json`);
    }
    const latRaw = optional(form, 'lat');
    const longRaw = optional(form, 'long');
    if (!latRaw && !longRaw) {
      throw optional(form, 'address_string') || optional(form, 'address_id')
        ? o311.badRequest(
            'ระบบนี้ระบุตำแหน่งจากพิกัด lat และ long ในกรุงเทพฯ เท่านั้น ยังหาตำแหน่งจาก address_string อย่างเดียวไม่ได้ กรุณาส่ง lat และ long มาด้วย',
            'This server places requests by lat and long inside Bangkok; it cannot locate an address_string alone. Send lat and long as well',
          )
        : o311.badRequest('ต้องระบุตำแหน่ง: lat และ long', 'A location is required: lat and long');
    }
    if (!latRaw || !longRaw || !COORDINATE.test(latRaw) || !COORDINATE.test(longRaw)) {
      throw o311.badRequest('lat และ long ต้องเป็นค่าองศาแบบทศนิยมทั้งคู่ (WGS84)', 'lat and long must both be decimal degrees (WGS84)');
    }
    const description = form.description ?? '';
    if (description.trim().length > MAX_DESCRIPTION) {
      throw o311.badRequest(`description ยาวได้ไม่เกิน ${MAX_DESCRIPTION.toLocaleString('th-TH')} ตัวอักษร`, `description may be at most ${MAX_DESCRIPTION} characters`);
    }
    const mediaUrl = optional(form, 'media_url');
    if (mediaUrl && !/^https?:\/\/[^\s]+$/i.test(mediaUrl)) {
      throw o311.badRequest('media_url ต้องเป็นที่อยู่ http หรือ https', 'media_url must be an http or https URL');
    }
    const name = [optional(form, 'first_name'), optional(form, 'last_name')].filter(Boolean).join(' ') || null;

    const token = publicId(16);
    const accountId = optional(form, 'account_id');
    // The submission (client, token, ids) is written in the report's own transaction.
    const created = await reports.intake.create(
      {
        category: serviceCode,
        description,
        lat: Number(latRaw),
        lng: Number(longRaw),
        address: optional(form, 'address_string'),
        contact_name: name,
        contact_email: optional(form, 'email'),
        contact_phone: optional(form, 'phone'),
      },
      [],
      {
        user: null,
        actor: { userId: null, label: `open311:${client.name}`, channel: 'open311' },
        channel: 'open311',
        afterInsert: async (trx, report) => {
          await repo.insertSubmission(trx, {
            report_id: report.id,
            client_id: client.id,
            token,
            account_id: accountId,
            device_id: optional(form, 'device_id'),
            address_id: optional(form, 'address_id'),
            media_url: mediaUrl,
          });
          await repo.touchClient(trx, client.id);
        },
      },
    );
    const row = await repo.findRequest(db, created.code);
    return { service_request_id: created.code, token, service_notice: row ? serviceNotice(row) : null, account_id: accountId };
  }

  /**
   * GET Service Requests. With service_request_id the other filters are ignored, as the
   * spec says; otherwise the window defaults to the last 90 days and a page to 1000.
   */
  async function searchPage(q: Record<string, Raw>): Promise<RequestPage> {
    const { page, pageSize } = paging(single(q.page, 'page'), single(q.page_size, 'page_size'));
    const offset = (page - 1) * pageSize;
    const ids = list(q.service_request_id, 'service_request_id');
    if (ids.length > 0) {
      const codes = ids.map(normaliseTrackingCode).filter((c): c is string => c !== null);
      return { fingerprint: null, load: async () => ({ rows: await repo.listRequests(db, { codes, limit: pageSize, offset }), fingerprint: null, until: 0 }) };
    }
    const serviceCodes = list(q.service_code, 'service_code');
    if (serviceCodes.length > 0) {
      const known = new Set((await organization.listCategories()).map((c) => c.code));
      const wrong = serviceCodes.find((c) => !known.has(c));
      if (wrong !== undefined) throw o311.badRequest(`ไม่รู้จัก service_code "${wrong}"`, `Unknown service_code "${wrong}"`);
    }
    const wanted = statuses(q.status);
    const window = dateWindow(single(q.start_date, 'start_date'), single(q.end_date, 'end_date'));
    const filters: RequestFilters = {
      categoryCodes: serviceCodes,
      states: wanted.flatMap((s) => STATES[s]),
      from: window.from,
      to: window.to,
      limit: pageSize,
      offset,
    };
    return { fingerprint: await repo.pageFingerprint(db, filters), load: () => rowsForPage(filters) };
  }

  async function search(q: Record<string, Raw>): Promise<RequestRow[]> {
    return (await (await searchPage(q)).load()).rows;
  }

  async function one(rawId: string) {
    const code = normaliseTrackingCode(rawId);
    let row = code ? await repo.findRequest(db, code) : undefined;
    // A replica a moment behind may lack a request filed just now: the primary has the last word before a 404.
    if (!row && code && readingFromReplica()) row = await onPrimary(() => repo.findRequest(db, code));
    if (!row) throw o311.notFound(`ไม่พบเรื่องหมายเลข "${rawId}"`, `No service request "${rawId}"`);
    return row;
  }

  async function token(raw: string) {
    const found = /^[2-9A-HJ-NP-Z]{16}$/.test(raw) ? await repo.findCodeByToken(db, raw) : undefined;
    if (!found) throw o311.notFound(`ไม่พบโทเคน "${raw}"`, `No such token "${raw}"`);
    return { service_request_id: found.code, token: found.token };
  }

  return { services, serviceDefinition, discovery, submit, search, searchPage, one, token };
}

export type Open311Service = ReturnType<typeof createOpen311Service>;
