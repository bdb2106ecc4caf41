import crypto from 'node:crypto';

/** 256-bit random token, URL-safe. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

const PUBLIC_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Short unguessable ids without look-alike characters (no 0/O, 1/I). */
export function publicId(length = 10): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (const byte of bytes) out += PUBLIC_ID_ALPHABET[byte % PUBLIC_ID_ALPHABET.length];
  return out;
}
