import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AuthUser } from '../auth/auth.types.ts';
import { publicId } from '../auth/tokens.ts';
import type { Executor } from '../db/database.ts';
import { fail } from '../http/problem.ts';
import { ProblemSchema } from '../http/schemas.ts';
import { MAX_PHOTO_BYTES, processPhoto } from './image-pipeline.ts';
import type { MediaStore } from './media-store.ts';

export type AttachmentOwner = 'need' | 'proposal' | 'plan_progress';

/**
 * Whether this caller may see what owns an attachment (a need, a proposal, a progress
 * report), by the owner's internal id. Each module answers for its own records; the
 * platform only asks, so it never reads another module's tables.
 */
export type AttachmentVisibility = (db: Executor, user: AuthUser | null, ownerId: string) => Promise<boolean>;
export type AttachmentVisibilityRules = Record<AttachmentOwner, AttachmentVisibility>;

/** A file checked and ready to store: photos re-encoded, PDFs kept as sent. */
export interface PreparedAttachment {
  kind: 'photo' | 'document';
  fileName: string;
  contentType: string;
  full: Buffer;
  thumb: Buffer | null;
  width: number | null;
  height: number | null;
}

export interface AttachmentView {
  id: string;
  kind: 'photo' | 'document';
  file_name: string;
  content_type: string;
  bytes: number;
  url: string;
  thumb_url: string | null;
  width: number | null;
  height: number | null;
  created_at: string;
}

export const MAX_ATTACHMENTS_PER_UPLOAD = 5;
const PDF_MAGIC = Buffer.from('%PDF-');

function cleanFileName(name: string, fallback: string): string {
  // Keep what a person would recognise; drop paths and control characters.
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 120);
  return cleaned || fallback;
}

/**
 * Judges each file by its bytes: a PDF is a document (kept byte for byte), anything
 * else must be an image the photo pipeline accepts (re-encoded, metadata stripped).
 * Throws a 4xx before anything is stored.
 */
export async function prepareAttachments(files: { filename: string; data: Buffer }[], field = 'files'): Promise<PreparedAttachment[]> {
  if (files.length > MAX_ATTACHMENTS_PER_UPLOAD) {
    throw fail.unprocessable('too_many_files', `แนบไฟล์ได้ครั้งละไม่เกิน ${MAX_ATTACHMENTS_PER_UPLOAD} ไฟล์`, `At most ${MAX_ATTACHMENTS_PER_UPLOAD} files at a time`, [
      { field, text: { th: 'มีไฟล์มากเกินไป', en: 'has too many files' } },
    ]);
  }
  const prepared: PreparedAttachment[] = [];
  for (const file of files) {
    if (file.data.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
      if (file.data.length > MAX_PHOTO_BYTES) {
        throw fail.unprocessable('file_too_large', 'ไฟล์ต้องมีขนาดไม่เกิน 8 MB', 'A file may be at most 8 MB', [
          { field, text: { th: 'ใหญ่เกิน 8 MB', en: 'is larger than 8 MB' } },
        ]);
      }
      prepared.push({ kind: 'document', fileName: cleanFileName(file.filename, 'document.pdf'), contentType: 'application/pdf', full: file.data, thumb: null, width: null, height: null });
      continue;
    }
    const image = await processPhoto(file.data, field);
    prepared.push({ kind: 'photo', fileName: cleanFileName(file.filename, 'photo.jpg'), contentType: 'image/jpeg', full: image.full, thumb: image.thumb, width: image.width, height: image.height });
  }
  return prepared;
}

/**
 * Writes prepared files to the media store, then their rows in the caller's
 * transaction. (Files written before a rolled-back transaction stay on disk under
 * random keys nobody can reach; that is the cheaper failure.)
 */
export async function saveAttachments(trx: Executor, media: MediaStore, owner: { type: AttachmentOwner; id: string }, files: PreparedAttachment[], userId: string | null): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const stored = file.kind === 'photo' && file.thumb ? await media.put(file.full, file.thumb) : { ...(await media.putDocument(file.full)), thumbKey: null };
    const id = publicId(16);
    await trx
      .insertInto('attachments')
      .values({
        public_id: id,
        owner_type: owner.type,
        owner_id: owner.id,
        kind: file.kind,
        file_name: file.fileName,
        content_type: file.contentType,
        bytes: file.full.length,
        storage_key: stored.key,
        thumb_key: stored.thumbKey,
        width: file.width,
        height: file.height,
        created_by: userId,
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

export async function listAttachments(db: Executor, ownerType: AttachmentOwner, ownerIds: string[]): Promise<Map<string, AttachmentView[]>> {
  const out = new Map<string, AttachmentView[]>();
  if (ownerIds.length === 0) return out;
  const rows = await db.selectFrom('attachments').selectAll().where('owner_type', '=', ownerType).where('owner_id', 'in', ownerIds).orderBy('id').execute();
  for (const row of rows) {
    const list = out.get(row.owner_id) ?? [];
    list.push({
      id: row.public_id,
      kind: row.kind,
      file_name: row.file_name,
      content_type: row.content_type,
      bytes: row.bytes,
      url: `/api/v1/attachments/${row.public_id}`,
      thumb_url: row.thumb_key ? `/api/v1/attachments/${row.public_id}?size=thumb` : null,
      width: row.width,
      height: row.height,
      created_at: row.created_at.toISOString(),
    });
    out.set(row.owner_id, list);
  }
  return out;
}

/**
 * Serves an attachment by its unguessable id (16 characters, ~80 bits) to those who may
 * see what it belongs to: an id copied out of a draft proposal or an unpublished plan
 * must not open it for anyone else. Hidden and unknown answer the same 404.
 */
export function attachmentRoutes(app: FastifyInstance, deps: { db: Executor; media: MediaStore; canView: AttachmentVisibilityRules }) {
  app.get('/api/v1/attachments/:id', {
    schema: {
      tags: ['attachments'],
      summary: 'A photo or PDF attached to a need, proposal or progress report (by its unguessable id)',
      params: Type.Object({ id: Type.String({ maxLength: 32, description: 'Attachment id (16 characters)' }) }),
      querystring: Type.Object({ size: Type.Optional(Type.Literal('thumb', { description: 'A photo\'s thumbnail' })) }, { additionalProperties: false }),
      produces: ['image/jpeg', 'application/pdf'],
      response: {
        200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file; PDFs with Content-Disposition: attachment' }),
        400: ProblemSchema,
        404: ProblemSchema,
      },
    },
  }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { size } = request.query as { size?: string };
    const found = /^[2-9A-HJ-NP-Z]{16}$/.test(id)
      ? await deps.db.selectFrom('attachments').select(['owner_type', 'owner_id', 'storage_key', 'thumb_key', 'content_type', 'file_name']).where('public_id', '=', id).executeTakeFirst()
      : undefined;
    const rule = found ? deps.canView[found.owner_type] : undefined;
    const row = found && rule && (await rule(deps.db, request.auth?.user ?? null, found.owner_id)) ? found : undefined;
    const key = row ? (size === 'thumb' && row.thumb_key ? row.thumb_key : row.storage_key) : null;
    const data = key ? await deps.media.read(key) : null;
    if (!row || !data) throw fail.notFound('ไม่พบไฟล์แนบนี้', 'No such attachment');
    const disposition = row.content_type === 'application/pdf' ? 'attachment' : 'inline';
    return reply
      .type(row.content_type)
      .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
      .header('cache-control', 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(data);
  });
}
