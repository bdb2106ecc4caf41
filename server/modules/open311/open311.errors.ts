import type { FastifyError } from 'fastify';
import type { Bilingual } from '../../platform/i18n/locale.ts';
import { AppError } from '../../platform/http/problem.ts';

/**
 * An error in GeoReport v2's own shape: the HTTP status doubles as the error code, and
 * the description carries Thai and English so any client can show it as it is.
 */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly text: Bilingual,
  ) {
    super(text.en);
  }
}

export const o311 = {
  badRequest: (th: string, en: string) => new Open311Error(400, { th, en }),
  forbidden: (th: string, en: string) => new Open311Error(403, { th, en }),
  notFound: (th: string, en: string) => new Open311Error(404, { th, en }),
};

export interface Open311ErrorItem {
  code: number;
  description: string;
}

export function describe(text: Bilingual): string {
  return `${text.th} / ${text.en}`;
}

/**
 * The spec knows 400 (bad or missing parameters), 403 (bad api_key) and 404 (no such
 * thing). The reports service speaks RFC 9457 statuses: a location outside Bangkok (422)
 * is, to an Open311 client, a bad parameter. Real transport limits (413, 429) keep their
 * status; anything unexpected is a 500 that names nothing internal.
 */
export function toOpen311Error(error: unknown, requestId: string): { status: number; item: Open311ErrorItem; internal: boolean } {
  const make = (status: number, text: Bilingual, internal = false) => ({ status, item: { code: status, description: describe(text) }, internal });
  if (error instanceof Open311Error) return make(error.status, error.text);
  if (error instanceof AppError) {
    if (error.status === 400 || error.status === 409 || error.status === 422) return make(400, error.text);
    if (error.status === 401 || error.status === 403) return make(403, error.text);
    if (error.status === 404) return make(404, error.text);
    if (error.status < 500) return make(error.status, error.text);
  }
  const fastify = error as Partial<FastifyError> & { validation?: unknown };
  if (fastify.validation) return make(400, { th: 'พารามิเตอร์ไม่ถูกต้อง', en: `Invalid parameters: ${fastify.message ?? ''}`.trim() });
  switch (fastify.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return make(413, { th: 'ข้อมูลที่ส่งมาใหญ่เกินกำหนด', en: 'The request body is too large' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return make(400, {
        th: 'ส่งข้อมูลแบบ application/x-www-form-urlencoded ตามข้อกำหนด GeoReport v2',
        en: 'Send the request as application/x-www-form-urlencoded, as GeoReport v2 specifies',
      });
  }
  const status = fastify.statusCode ?? 500;
  if (status === 429) {
    return make(429, { th: 'ส่งคำขอถี่เกินไป กรุณารอสักครู่แล้วลองใหม่', en: 'Too many requests; wait a moment and try again' });
  }
  if (status >= 400 && status < 500) return make(status, { th: 'คำขอไม่ถูกต้อง', en: fastify.message ?? 'Bad request' });
  return make(500, {
    th: `ระบบขัดข้อง กรุณาลองใหม่ภายหลัง (รหัสอ้างอิง ${requestId})`,
    en: `Something went wrong on our side; please try again later (reference ${requestId})`,
  }, true);
}
