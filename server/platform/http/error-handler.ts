import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bilingual } from '../i18n/locale.ts';
import { pickLocale } from '../i18n/locale.ts';
import { AppError, toProblem } from './problem.ts';
import { InvalidCoordinatesError } from '../geo/coordinates.ts';
import { IdempotentReplay } from './idempotency.ts';

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

function fieldName(issue: AjvIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'required') return [path, String(issue.params.missingProperty)].filter(Boolean).join('.');
  if (issue.keyword === 'additionalProperties') {
    return [path, String(issue.params.additionalProperty)].filter(Boolean).join('.');
  }
  return path || '(body)';
}

/** Schema failures in words a person understands, in both languages. */
function explain(issue: AjvIssue): Bilingual {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return { th: 'จำเป็นต้องกรอก', en: 'is required' };
    case 'additionalProperties':
      return { th: 'ไม่รู้จักช่องข้อมูลนี้', en: 'is not a known field' };
    case 'maxLength':
      return { th: `ยาวได้ไม่เกิน ${p.limit} ตัวอักษร`, en: `must be at most ${p.limit} characters` };
    case 'minLength':
      return Number(p.limit) <= 1
        ? { th: 'ต้องไม่เว้นว่าง', en: 'must not be empty' }
        : { th: `ต้องยาวอย่างน้อย ${p.limit} ตัวอักษร`, en: `must be at least ${p.limit} characters` };
    case 'minimum':
      return { th: `ต้องไม่น้อยกว่า ${p.limit}`, en: `must be at least ${p.limit}` };
    case 'maximum':
      return { th: `ต้องไม่มากกว่า ${p.limit}`, en: `must be at most ${p.limit}` };
    case 'enum':
    case 'const':
    case 'anyOf':
      return { th: 'ค่าที่ส่งมาไม่อยู่ในตัวเลือกที่รับได้', en: 'is not one of the allowed values' };
    case 'type':
      return { th: `ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็น ${p.type})`, en: `must be ${p.type}` };
    case 'format':
      return { th: `รูปแบบไม่ถูกต้อง (${p.format})`, en: `must be a valid ${p.format}` };
    case 'pattern':
      return { th: 'รูปแบบไม่ถูกต้อง', en: 'has the wrong format' };
    case 'maxItems':
      return { th: `มีได้ไม่เกิน ${p.limit} รายการ`, en: `must have at most ${p.limit} items` };
    case 'minItems':
      return { th: `ต้องมีอย่างน้อย ${p.limit} รายการ`, en: `must have at least ${p.limit} items` };
    default:
      return { th: 'ค่าไม่ถูกต้อง', en: issue.message ?? 'is invalid' };
  }
}

export function validationError(issues: AjvIssue[]): AppError {
  const fields = issues.map((issue) => ({ field: fieldName(issue), text: explain(issue) }));
  const first = fields[0];
  const summary = first
    ? { th: `ข้อมูลไม่ถูกต้อง: ${first.field} ${first.text.th}`, en: `Invalid input: ${first.field} ${first.text.en}` }
    : { th: 'ข้อมูลไม่ถูกต้อง', en: 'Invalid input' };
  return new AppError(400, 'validation_failed', summary, fields);
}

/** Fastify's own errors (body too large, bad JSON, wrong content type) in our shape. */
function fromFastifyError(error: FastifyError): AppError | null {
  const status = error.statusCode ?? 500;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError(413, 'payload_too_large', {
        th: 'ข้อมูลที่ส่งมาใหญ่เกินกำหนด (รูปละไม่เกิน 8 MB และไม่เกิน 4 รูป)',
        en: 'The request is too large (at most 4 photos of 8 MB each)',
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'unsupported_media_type', {
        th: 'ไม่รองรับรูปแบบข้อมูลที่ส่งมา',
        en: 'This content type is not supported',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'invalid_json', { th: 'ข้อมูล JSON ไม่ถูกต้อง', en: 'The JSON body is malformed' });
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError(403, 'csrf_failed', {
        th: 'โทเคนป้องกันการปลอมคำขอไม่ถูกต้อง กรุณาโหลดหน้าใหม่',
        en: 'The anti-forgery token is missing or wrong; reload the page',
      });
  }
  if (status === 429) {
    return new AppError(429, 'rate_limited', {
      th: 'ส่งคำขอถี่เกินไป กรุณารอสักครู่แล้วลองใหม่',
      en: 'Too many requests; wait a moment and try again',
    });
  }
  if (status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', { th: 'คำขอไม่ถูกต้อง', en: error.message });
  }
  return null;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvIssue[] }, request: FastifyRequest, reply: FastifyReply) => {
    if ((error as unknown) instanceof IdempotentReplay) {
      const replay = error as unknown as IdempotentReplay;
      return reply.status(replay.statusCode).header('idempotent-replayed', 'true').type(replay.contentType).send(replay.body);
    }
    const locale = pickLocale(request.headers['accept-language']);
    let appError: AppError | null = null;
    if (error instanceof AppError) appError = error;
    else if ((error as unknown) instanceof InvalidCoordinatesError) {
      const e = error as unknown as InvalidCoordinatesError;
      appError = new AppError(400, 'invalid_coordinates', { th: e.messageTh, en: e.message });
    }
    else if (error.validation) appError = validationError(error.validation);
    else appError = fromFastifyError(error);

    if (!appError) {
      // 5xx never leak internals: the log keeps the stack, the client gets a reference.
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError(500, 'internal', {
        th: `ระบบขัดข้อง กรุณาลองใหม่ภายหลัง (รหัสอ้างอิง ${request.id})`,
        en: `Something went wrong on our side; please try again later (reference ${request.id})`,
      });
    }
    const problem = toProblem(appError, locale);
    if (appError.status === 429 || appError.status === 503) {
      // An overloaded database (a query waited too long for a connection) clears in seconds,
      // as shed requests are told (SHED_RETRY_AFTER_SECONDS); limits and outages take longer.
      const seconds = appError.code === 'overloaded' ? app.platform.config.scale.shedRetryAfterSeconds : 60;
      void reply.header('retry-after', String(seconds));
    }
    return reply.status(appError.status).type('application/problem+json').send(problem);
  });

  app.setNotFoundHandler((request, reply) => {
    const locale = pickLocale(request.headers['accept-language']);
    const problem = toProblem(
      new AppError(404, 'route_not_found', { th: 'ไม่พบหน้าหรือบริการที่ขอ', en: 'No such route' }),
      locale,
    );
    return reply.status(404).type('application/problem+json').send(problem);
  });
}
