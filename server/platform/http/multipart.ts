import type { FastifyRequest } from 'fastify';
import crypto from 'node:crypto';
import { fail } from './problem.ts';

export interface MultipartForm {
  fields: Record<string, string>;
  files: Buffer[];
  /** The same files with the names their senders gave them (for documents kept as sent). */
  named: { filename: string; data: Buffer }[];
}

/**
 * Reads a multipart form into text fields and file buffers. The file count and sizes
 * are bounded by @fastify/multipart's limits (set in app.ts); a truncated file is an
 * error, never silently accepted.
 */
export async function readMultipart(request: FastifyRequest, fileField = 'photos'): Promise<MultipartForm> {
  const fields: Record<string, string> = {};
  const files: Buffer[] = [];
  const named: { filename: string; data: Buffer }[] = [];
  // What the form said, in order: an Idempotency-Key retry must send the same.
  const hash = crypto.createHash('sha256');
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== fileField) {
        await part.toBuffer().catch(() => undefined);
        throw fail.badRequest('unexpected_file', `ไม่รู้จักช่องไฟล์ "${part.fieldname}"`, `Unexpected file field "${part.fieldname}"`, [
          { field: part.fieldname, text: { th: 'ไม่รู้จักช่องนี้', en: 'is not a known field' } },
        ]);
      }
      const buffer = await part.toBuffer();
      if (part.file.truncated) {
        throw fail.unprocessable('photo_too_large', 'รูปภาพต้องมีขนาดไม่เกิน 8 MB', 'A photo may be at most 8 MB', [
          { field: fileField, text: { th: 'ใหญ่เกิน 8 MB', en: 'is larger than 8 MB' } },
        ]);
      }
      if (buffer.length > 0) {
        files.push(buffer);
        named.push({ filename: part.filename ?? '', data: buffer });
      }
      hash.update(`file:${part.fieldname}:${buffer.length}:`).update(buffer);
    } else {
      fields[part.fieldname] = String(part.value);
      hash.update(`field:${part.fieldname}=${JSON.stringify(String(part.value))};`);
    }
  }
  await request.server.idempotencyGate(request, hash.digest('hex'));
  return { fields, files, named };
}

export function isMultipart(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}
