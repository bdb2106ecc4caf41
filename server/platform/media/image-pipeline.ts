import sharp from 'sharp';
import { fail } from '../http/problem.ts';

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** 40 megapixels: any phone camera fits; a decompression bomb does not. */
export const MAX_INPUT_PIXELS = 40_000_000;
const MAX_EDGE = 2048;
const THUMB_EDGE = 400;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'avif', 'gif', 'tiff']);

// Decoding an image uses memory; keep sharp's own cache small on a 2-core box.
sharp.cache({ memory: 64, files: 0, items: 32 });
sharp.concurrency(1);

export interface ProcessedImage {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

function notAnImage(field: string) {
  return fail.unprocessable(
    'not_an_image',
    'ไฟล์ที่แนบไม่ใช่รูปภาพที่รองรับ (รองรับ JPEG, PNG, WebP, HEIC)',
    'The attached file is not a supported image (JPEG, PNG, WebP, HEIC)',
    [{ field, text: { th: 'ไม่ใช่รูปภาพ', en: 'is not an image' } }],
  );
}

/**
 * Judges a photo by its content (never its name or declared type), then rotates it
 * upright, bounds its size, re-encodes it as JPEG and drops every metadata block —
 * GPS position, camera serial, owner name — before anything is stored.
 */
export async function processPhoto(input: Buffer, field = 'photos'): Promise<ProcessedImage> {
  if (input.length === 0) throw notAnImage(field);
  if (input.length > MAX_PHOTO_BYTES) {
    throw fail.unprocessable('photo_too_large', 'รูปภาพต้องมีขนาดไม่เกิน 8 MB', 'A photo may be at most 8 MB', [
      { field, text: { th: 'ใหญ่เกิน 8 MB', en: 'is larger than 8 MB' } },
    ]);
  }
  let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    // Header only: no pixel limit here, so an oversized image gets its own clear refusal below.
    metadata = await sharp(input, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    throw notAnImage(field);
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format) || !metadata.width || !metadata.height) {
    throw notAnImage(field);
  }
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw fail.unprocessable(
      'image_too_many_pixels',
      `รูปภาพมีความละเอียดสูงเกินไป (${metadata.width}×${metadata.height}) รับได้ไม่เกิน 40 ล้านพิกเซล`,
      `The image is too large (${metadata.width}×${metadata.height}); at most 40 megapixels`,
      [{ field, text: { th: 'ความละเอียดสูงเกินไป', en: 'has too many pixels' } }],
    );
  }
  try {
    const base = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false }).rotate();
    const { data: full, info } = await base
      .clone()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await base
      .clone()
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 72 })
      .toBuffer();
    return { full, thumb, width: info.width, height: info.height };
  } catch {
    throw notAnImage(field);
  }
}
