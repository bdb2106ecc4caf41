import type { Bilingual, Locale } from '../i18n/locale.ts';

export interface FieldError {
  field: string;
  message: string;
  message_th: string;
  message_en: string;
}

/**
 * The one error type services throw. Routes never build error bodies themselves: the
 * error handler turns this into RFC 9457 problem details in the caller's language,
 * carrying both languages so a client can show either.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
    readonly fieldErrors: Array<{ field: string; text: Bilingual }> = [],
  ) {
    super(text.en);
  }
}

const TITLES: Record<number, Bilingual> = {
  400: { th: 'คำขอไม่ถูกต้อง', en: 'Bad request' },
  401: { th: 'ต้องเข้าสู่ระบบ', en: 'Authentication required' },
  403: { th: 'ไม่มีสิทธิ์', en: 'Forbidden' },
  404: { th: 'ไม่พบข้อมูล', en: 'Not found' },
  409: { th: 'ขัดแย้งกับสถานะปัจจุบัน', en: 'Conflict' },
  413: { th: 'ข้อมูลใหญ่เกินกำหนด', en: 'Payload too large' },
  415: { th: 'ไม่รองรับชนิดข้อมูลนี้', en: 'Unsupported media type' },
  422: { th: 'ข้อมูลไม่ผ่านการตรวจสอบ', en: 'Unprocessable content' },
  429: { th: 'ส่งคำขอถี่เกินไป', en: 'Too many requests' },
  500: { th: 'ระบบขัดข้อง', en: 'Internal server error' },
  503: { th: 'ระบบมีผู้ใช้งานมาก กรุณาลองใหม่อีกครั้ง', en: 'Service busy, please retry' },
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  detail_th: string;
  detail_en: string;
  errors?: FieldError[];
}

export function toProblem(error: AppError, locale: Locale): ProblemDetails {
  const title = TITLES[error.status] ?? TITLES[error.status >= 500 ? 500 : 400]!;
  const problem: ProblemDetails = {
    type: `https://demopolis.bangkok/problems/${error.code}`,
    title: title[locale],
    status: error.status,
    detail: error.text[locale],
    code: error.code,
    detail_th: error.text.th,
    detail_en: error.text.en,
  };
  if (error.fieldErrors.length > 0) {
    problem.errors = error.fieldErrors.map(({ field, text }) => ({
      field,
      message: text[locale],
      message_th: text.th,
      message_en: text.en,
    }));
  }
  return problem;
}

/** Shorthands so services read like the rules they enforce. */
export const fail = {
  badRequest: (code: string, th: string, en: string, fields?: AppError['fieldErrors']) =>
    new AppError(400, code, { th, en }, fields),
  unauthorized: (th = 'กรุณาเข้าสู่ระบบก่อน', en = 'Please sign in first') =>
    new AppError(401, 'unauthorized', { th, en }),
  forbidden: (th = 'คุณไม่มีสิทธิ์ทำรายการนี้', en = 'You are not allowed to do this') =>
    new AppError(403, 'forbidden', { th, en }),
  notFound: (th: string, en: string) => new AppError(404, 'not_found', { th, en }),
  conflict: (code: string, th: string, en: string) => new AppError(409, code, { th, en }),
  unprocessable: (code: string, th: string, en: string, fields?: AppError['fieldErrors']) =>
    new AppError(422, code, { th, en }, fields),
};
